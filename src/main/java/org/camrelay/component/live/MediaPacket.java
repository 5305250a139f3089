package org.camrelay.component.live;

import java.nio.ByteBuffer;

/**
 * One unit of a live stream exactly as it goes on the wire: a whole MJPEG part, or (for coded video) a
 * whole FLV tag. A viewer receives a packet completely or not at all. The buffer is shared by every
 * viewer, so it is never written to after construction; each write works on a {@link #wire() duplicate}.
 * It is held off the Java heap: the JDK copies a heap buffer into a temporary direct one on every socket
 * write, which would be once per viewer instead of once per packet.
 *
 * @param data     the bytes to send
 * @param keyframe whether a viewer can start decoding here (every JPEG frame is one)
 */
public record MediaPacket(ByteBuffer data, boolean keyframe) {

    /** Nothing to send; written only to put the response headers on the wire. */
    static final MediaPacket EMPTY = new MediaPacket(ByteBuffer.allocate(0), false);

    public MediaPacket {
        if (!data.isDirect()) {
            data = ByteBuffer.allocateDirect(data.remaining()).put(data.duplicate()).flip();
        }
        data = data.asReadOnlyBuffer();
    }

    /** A private view of the bytes for one write; the shared buffer's position is never moved. */
    public ByteBuffer wire() {
        return data.duplicate();
    }

    public int size() {
        return data.remaining();
    }
}
