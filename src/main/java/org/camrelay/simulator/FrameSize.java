package org.camrelay.simulator;

import org.camrelay.frame.ImageSize;

/** A picture size in pixels, written {@code WxH} as in the camera's {@code image_size} parameter. */
record FrameSize(int width, int height) {

    // the largest picture the simulator renders: each size in use costs an image buffer
    private static final int MAX_WIDTH = 1920;
    private static final int MAX_HEIGHT = 1080;

    FrameSize {
        if (width < 1 || height < 1 || width > MAX_WIDTH || height > MAX_HEIGHT) {
            throw new IllegalArgumentException(
                    "frame size must be between 1x1 and " + MAX_WIDTH + "x" + MAX_HEIGHT + ", not " + width + "x" + height);
        }
    }

    /** Parses {@code WxH}; the exception message is fit to show to a user. */
    static FrameSize parse(String text) {
        ImageSize size = ImageSize.parse("frame size", text);
        return new FrameSize(size.width(), size.height());
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
