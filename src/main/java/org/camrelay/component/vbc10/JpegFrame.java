package org.camrelay.component.vbc10;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One complete JPEG image, SOI to EOI, as {@link JpegFrameDecoder} found it in the stream: the content is a retained
 * slice of the bytes received (no copy), so whoever reads this message must release it.
 */
public final class JpegFrame extends DefaultByteBufHolder {

    private final int width;
    private final int height;

    public JpegFrame(ByteBuf data, int width, int height) {
        super(data);
        this.width = width;
        this.height = height;
    }

    /** Image width in pixels, from the frame header (SOF). */
    public int width() {
        return width;
    }

    /** Image height in pixels, from the frame header (SOF); 0 if the image defers it to a DNL marker. */
    public int height() {
        return height;
    }

    @Override
    public JpegFrame replace(ByteBuf content) {
        return new JpegFrame(content, width, height);
    }

    @Override
    public String toString() {
        return "JpegFrame(" + width + "x" + height + ", " + content().readableBytes() + " bytes)";
    }
}
