package org.camrelay.component.transcode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Where the FLV muxer's AVIOContext writes, through the shared {@link MuxerWriteCallback}: collects the bytes
 * and cuts them into whole tags. The owner passes {@link #opaque()} to the AVIOContext and {@link #close()
 * closes} this once the AVIOContext is freed.
 */
final class FlvOutput implements AutoCloseable {

    /** Tag type (1), data size (3), timestamp (3), timestamp bits 24-31 (1), stream id (3). */
    private static final int TAG_HEADER_SIZE = 11;
    /** Each tag is followed by its own size, as a 32-bit PreviousTagSize. */
    private static final int PREVIOUS_TAG_SIZE = 4;

    private final Pointer opaque = MuxerWriteCallback.INSTANCE.add(this);
    private byte[] received = new byte[16 * 1024];
    private int length;

    /** The AVIOContext's opaque pointer, by which the callback finds this output. */
    Pointer opaque() {
        return opaque;
    }

    /** Takes {@code size} bytes the muxer wrote; returns how many it took: all. */
    int write(BytePointer data, int size) {
        if (length + size > received.length) {
            received = Arrays.copyOf(received, Math.max(2 * received.length, length + size));
        }
        data.get(received, length, size);
        length += size;
        return size;
    }

    /** Everything written so far. */
    byte[] takeAll() {
        byte[] all = Arrays.copyOf(received, length);
        length = 0;
        return all;
    }

    /** The whole tags written so far; a tag written only in part stays until the rest arrives. */
    List<FlvTag> takeTags(boolean keyframe) {
        List<FlvTag> tags = new ArrayList<>(1);
        int start = 0;
        while (length - start >= TAG_HEADER_SIZE) {
            int tagSize = TAG_HEADER_SIZE + unsigned24(start + 1) + PREVIOUS_TAG_SIZE;
            if (length - start < tagSize) {
                break;
            }
            long timestamp = unsigned24(start + 4) | (received[start + 7] & 0xFFL) << 24;
            tags.add(new FlvTag(Arrays.copyOfRange(received, start, start + tagSize), keyframe, timestamp));
            start += tagSize;
        }
        System.arraycopy(received, start, received, 0, length - start);
        length -= start;
        return tags;
    }

    @Override
    public void close() {
        MuxerWriteCallback.INSTANCE.remove(opaque);
    }

    private int unsigned24(int offset) {
        return (received[offset] & 0xFF) << 16 | (received[offset + 1] & 0xFF) << 8 | received[offset + 2] & 0xFF;
    }
}
