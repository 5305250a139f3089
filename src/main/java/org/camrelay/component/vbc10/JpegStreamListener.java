package org.camrelay.component.vbc10;

/**
 * Receives what the stream decoders throw away, so that it can be counted and reported. Called on the channel's
 * event loop; implementations must not block.
 */
public interface JpegStreamListener {

    /** {@code count} bytes that belong to no JPEG frame were skipped (garbage, or a multipart part that is no JPEG). */
    void bytesSkipped(int count);

    /** A frame was dropped because its structure is broken or it was cut short by the next frame. */
    void frameCorrupt(String reason);

    /** A frame was dropped because it grew beyond {@code maxFrameSize} bytes. */
    void frameOversize(int maxFrameSize);
}
