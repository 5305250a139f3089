package org.camrelay.component.live;

import java.nio.ByteBuffer;

/**
 * Whole FLV tags as the {@code live:} producer receives them (one or more, each with its trailing
 * PreviousTagSize, as FLV v10 lays them out): their timestamps, read and moved.
 */
final class FlvTags {

    /** Tag type (1), data size (3), timestamp (3), timestamp bits 24-31 (1), stream id (3). */
    static final int TAG_HEADER_SIZE = 11;
    /** Each tag is followed by its own size, as a 32-bit PreviousTagSize. */
    static final int PREVIOUS_TAG_SIZE = 4;
    static final int TYPE_VIDEO = 9;
    static final int TYPE_SCRIPT = 18;

    private FlvTags() {
    }

    /** The timestamp of the tag at {@code offset}, in milliseconds. */
    static long timestamp(byte[] tags, int offset) {
        return (tags[offset + 4] & 0xFFL) << 16 | (tags[offset + 5] & 0xFFL) << 8 | tags[offset + 6] & 0xFFL
                | (tags[offset + 7] & 0xFFL) << 24;
    }

    /** The size of the tag at {@code offset} from its first byte to the end of its PreviousTagSize. */
    static int size(byte[] tags, int offset) {
        if (tags.length - offset < TAG_HEADER_SIZE) {
            throw new IllegalArgumentException("no whole FLV tag header at byte " + offset + " of " + tags.length);
        }
        int size = TAG_HEADER_SIZE + ((tags[offset + 1] & 0xFF) << 16 | (tags[offset + 2] & 0xFF) << 8
                | tags[offset + 3] & 0xFF) + PREVIOUS_TAG_SIZE;
        if (tags.length - offset < size) {
            throw new IllegalArgumentException("FLV tag at byte " + offset + " needs " + size + " bytes, has "
                    + (tags.length - offset));
        }
        return size;
    }

    /** The timestamp of the last tag in {@code tags}; refuses anything but one or more whole tags. */
    static long lastTimestamp(byte[] tags) {
        if (tags.length == 0) {
            throw new IllegalArgumentException("no FLV tag");
        }
        int offset = 0;
        long timestamp = 0;
        while (offset < tags.length) {
            timestamp = timestamp(tags, offset);
            offset += size(tags, offset);
        }
        return timestamp;
    }

    /**
     * The tags in a new direct buffer (as {@link MediaPacket} keeps them, so it copies them no further), each
     * timestamp moved by {@code offsetMillis}, or set to {@code atMillis} when that is not negative.
     */
    static ByteBuffer restamped(byte[] tags, long offsetMillis, long atMillis) {
        ByteBuffer out = ByteBuffer.allocateDirect(tags.length).put(tags).flip();
        int offset = 0;
        while (offset < tags.length) {
            long timestamp = atMillis >= 0 ? atMillis : timestamp(tags, offset) + offsetMillis;
            if (timestamp < 0 || timestamp > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("FLV timestamp out of range: " + timestamp);
            }
            out.put(offset + 4, (byte) (timestamp >> 16)).put(offset + 5, (byte) (timestamp >> 8))
                    .put(offset + 6, (byte) timestamp).put(offset + 7, (byte) (timestamp >> 24));
            offset += size(tags, offset);
        }
        return out;
    }
}
