package org.camrelay.simulator;

import java.util.List;
import java.util.Locale;

/**
 * The parameters of a GetOneShot request [spec 4.2.1], checked; a bad value is a 403 Invalid Parameter Value.
 *
 * @param size        {@code v|image_size}: the nearest size a VB-C10 has, see {@link #size(String)}
 * @param periodNanos the time between frames from {@code frame_rate}, which counts frames per 1,000 seconds
 *                    (6 fps is {@code frame_rate=6000}); omitted, the simulator's rate; never faster than 30 fps
 * @param frameCount  {@code frame_count}: 1 if omitted, {@link #NO_LIMIT} for {@code 0} or {@code no_limit}
 */
record ImageRequest(FrameSize size, long periodNanos, long frameCount) {

    static final long NO_LIMIT = Long.MAX_VALUE;
    /** The JPEG sizes of a VB-C10 (CANON-PROTOCOLS section 4). */
    static final List<FrameSize> VB_C10_SIZES =
            List.of(new FrameSize(160, 120), new FrameSize(320, 240), new FrameSize(640, 480));
    /** A VB-C10 sends at most 30 frames per second. */
    static final int MAX_FPS = 30;

    private static final double NANOS_PER_KILOSECOND = 1e12;

    static ImageRequest parse(WebViewRequest request, FrameSize defaultSize, int fps) {
        String size = request.value("image_size", "v");
        String rate = request.value("frame_rate");
        String count = request.value("frame_count");
        long fastest = 1_000_000_000L / Math.min(fps, MAX_FPS);
        return new ImageRequest(
                size == null ? defaultSize : size(size),
                rate == null ? fastest : Math.max(fastest, period(rate)),
                count == null ? 1 : frameCount(count));
    }

    /**
     * The size a VB-C10 picks for {@code v|image_size}, {@code W} or {@code WxH}: the smallest of its sizes at
     * least as large as asked for, or its largest if none is [spec 4.1.1].
     */
    static FrameSize size(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).split("x", -1);
        if (parts.length > 2) {
            throw WebViewException.invalid("image_size", text);
        }
        int width = positive(parts[0], "image_size", text);
        int height = parts.length == 2 ? positive(parts[1], "image_size", text) : 0;
        for (FrameSize candidate : VB_C10_SIZES) {
            if (candidate.width() >= width && candidate.height() >= height) {
                return candidate;
            }
        }
        return VB_C10_SIZES.get(VB_C10_SIZES.size() - 1);
    }

    private static long period(String text) {
        double perKilosecond;
        try {
            perKilosecond = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw WebViewException.invalid("frame_rate", text);
        }
        if (!(perKilosecond > 0) || Double.isInfinite(perKilosecond)) {
            throw WebViewException.invalid("frame_rate", text);
        }
        return (long) Math.min(Long.MAX_VALUE / 2.0, NANOS_PER_KILOSECOND / perKilosecond);
    }

    private static long frameCount(String text) {
        if (text.equalsIgnoreCase("no_limit")) {
            return NO_LIMIT;
        }
        try {
            long count = Long.parseLong(text);
            if (count >= 0) {
                return count == 0 ? NO_LIMIT : count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw WebViewException.invalid("frame_count", text);
    }

    private static int positive(String number, String parameter, String text) {
        try {
            int value = Integer.parseInt(number.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw WebViewException.invalid(parameter, text);
    }
}
