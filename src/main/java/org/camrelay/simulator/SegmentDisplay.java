package org.camrelay.simulator;

import java.awt.Graphics2D;

/**
 * Draws digits, '-', ':' and '.' as seven-segment glyphs with plain rectangles: legible at any size and
 * independent of installed fonts, which headless servers and slim containers often lack.
 */
final class SegmentDisplay {

    // segment bits: 0 top, 1 upper right, 2 lower right, 3 bottom, 4 lower left, 5 upper left, 6 middle
    private static final int[] DIGITS = {0x3F, 0x06, 0x5B, 0x4F, 0x66, 0x6D, 0x7D, 0x07, 0x7F, 0x6F};

    private SegmentDisplay() {
    }

    /** Draws {@code text} with its top left corner at (x, y); other characters than the above leave a gap. */
    static void draw(Graphics2D g, CharSequence text, int x, int y, int height) {
        int stroke = Math.max(1, height / 8);
        int width = Math.max(3 * stroke, height / 2);
        int half = height / 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                int segments = DIGITS[c - '0'];
                segment(g, segments, 0, x, y, width, stroke);
                segment(g, segments, 1, x + width - stroke, y, stroke, half);
                segment(g, segments, 2, x + width - stroke, y + half, stroke, height - half);
                segment(g, segments, 3, x, y + height - stroke, width, stroke);
                segment(g, segments, 4, x, y + half, stroke, height - half);
                segment(g, segments, 5, x, y, stroke, half);
                segment(g, segments, 6, x, y + half - stroke / 2, width, stroke);
                x += width + 2 * stroke;
            } else if (c == '-') {
                segment(g, 1 << 6, 6, x, y + half - stroke / 2, width, stroke);
                x += width + 2 * stroke;
            } else if (c == ':') {
                g.fillRect(x, y + height / 3 - stroke / 2, stroke, stroke);
                g.fillRect(x, y + 2 * height / 3 - stroke / 2, stroke, stroke);
                x += 3 * stroke;
            } else if (c == '.') {
                g.fillRect(x, y + height - stroke, stroke, stroke);
                x += 3 * stroke;
            } else {
                x += width;
            }
        }
    }

    private static void segment(Graphics2D g, int segments, int bit, int x, int y, int width, int height) {
        if ((segments & 1 << bit) != 0) {
            g.fillRect(x, y, width, height);
        }
    }
}
