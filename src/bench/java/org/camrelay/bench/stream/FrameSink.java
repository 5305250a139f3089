package org.camrelay.bench.stream;

/** Told of each frame when its last byte has been parsed, by a parser that keeps no frame bytes. */
public interface FrameSink {

    /**
     * @param millis   the frame's source time in milliseconds: MJPEG's X-Received-At (epoch), FLV's tag
     *                 timestamp (relative to the stream's X-Stream-Epoch)
     * @param sequence the camera's frame number (MJPEG), or -1 where the format has none (FLV)
     */
    void frame(long millis, long sequence);
}
