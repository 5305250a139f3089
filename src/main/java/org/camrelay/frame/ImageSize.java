package org.camrelay.frame;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A picture size in pixels, written {@code WIDTHxHEIGHT} (e.g. {@code 320x240}) in options and URLs. */
public record ImageSize(int width, int height) {

    private static final Pattern FORMAT = Pattern.compile("([1-9][0-9]{0,4})x([1-9][0-9]{0,4})");

    /** Parses {@code WIDTHxHEIGHT}; the exception's message names the option and is fit to show to a user. */
    public static ImageSize parse(String option, String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(option + " must be WIDTHxHEIGHT, e.g. 320x240, not '" + text + "'");
        }
        return new ImageSize(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
