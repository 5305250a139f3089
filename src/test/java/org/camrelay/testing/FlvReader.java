package org.camrelay.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads FLV bytes independently of the code under test, as the FLV specification (v10) lays them out. */
public final class FlvReader {

    public static final int FILE_HEADER_SIZE = 9;
    public static final int TYPE_VIDEO = 9;
    public static final int TYPE_SCRIPT = 18;

    /**
     * One tag.
     *
     * @param previousTagSize the 32-bit size that follows the tag
     * @param size            bytes from the tag's start to the end of its PreviousTagSize
     */
    public record Tag(int type, int dataSize, long timestamp, int streamId, byte[] data, long previousTagSize, int size) {

        /** Video tags: 1 keyframe, 2 inter frame. */
        public int frameType() {
            return (data[0] & 0xFF) >> 4;
        }

        /** Video tags: 2 Sorenson H.263, 7 AVC. */
        public int codecId() {
            return data[0] & 0x0F;
        }
    }

    private FlvReader() {
    }

    /** The tags from {@code offset} to the end; fails unless the bytes are whole tags. */
    public static List<Tag> tags(byte[] bytes, int offset) {
        List<Tag> tags = new ArrayList<>();
        while (offset < bytes.length) {
            Tag tag = tag(bytes, offset);
            tags.add(tag);
            offset += tag.size();
        }
        return tags;
    }

    public static Tag tag(byte[] bytes, int offset) {
        if (bytes.length - offset < 11) {
            throw new IllegalArgumentException("no whole tag header at " + offset);
        }
        int dataSize = (int) unsigned(bytes, offset + 1, 3);
        int size = 11 + dataSize + 4;
        if (bytes.length - offset < size) {
            throw new IllegalArgumentException("tag at " + offset + " needs " + size + " bytes, has " + (bytes.length - offset));
        }
        long timestamp = unsigned(bytes, offset + 4, 3) | unsigned(bytes, offset + 7, 1) << 24;
        byte[] data = Arrays.copyOfRange(bytes, offset + 11, offset + 11 + dataSize);
        return new Tag(bytes[offset] & 0x1F, dataSize, timestamp, (int) unsigned(bytes, offset + 8, 3), data,
                unsigned(bytes, offset + 11 + dataSize, 4), size);
    }

    public static long unsigned(byte[] bytes, int offset, int length) {
        long value = 0;
        for (int i = 0; i < length; i++) {
            value = value << 8 | bytes[offset + i] & 0xFF;
        }
        return value;
    }
}
