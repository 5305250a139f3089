package org.camrelay.simulator;

import java.util.List;
import java.util.Map;

/**
 * The query parameters of a WebView image request, validated. Exception messages are meant for the
 * client, in a 400 response.
 *
 * @param size       {@code image_size}
 * @param frameRate  {@code frame_rate} in frames per second, never above the simulator's rate
 * @param frameCount {@code frame_count}; {@link Long#MAX_VALUE} for {@code no_limit}
 */
record ImageRequest(FrameSize size, double frameRate, long frameCount) {

    static final long NO_LIMIT = Long.MAX_VALUE;

    static ImageRequest parse(Map<String, List<String>> query, FrameSize defaultSize, int maxFrameRate) {
        String size = single(query, "image_size");
        String rate = single(query, "frame_rate");
        String count = single(query, "frame_count");
        return new ImageRequest(
                size == null ? defaultSize : FrameSize.parse(size),
                rate == null ? maxFrameRate : Math.min(maxFrameRate, frameRate(rate)),
                count == null || count.equals("no_limit") ? NO_LIMIT : frameCount(count));
    }

    private static double frameRate(String text) {
        try {
            double rate = Double.parseDouble(text);
            if (rate > 0 && Double.isFinite(rate)) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("frame_rate must be a positive number like 6 or 0.5, not '" + text + "'");
    }

    private static long frameCount(String text) {
        try {
            long count = Long.parseLong(text);
            if (count > 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("frame_count must be no_limit or a positive integer, not '" + text + "'");
    }

    private static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values == null) {
            return null;
        }
        if (values.size() > 1) {
            throw new IllegalArgumentException(name + " must be given once");
        }
        return values.get(0);
    }
}
