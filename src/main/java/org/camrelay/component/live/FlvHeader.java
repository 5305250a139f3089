package org.camrelay.component.live;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What an FLV stream header (the file header with PreviousTagSize0, then the onMetaData tag and the codec
 * configuration, as the {@code transcode:} component writes it) says about the video: the codec, the picture
 * size, and the codec configuration tags a decoder needs before the first picture (for H.264, the AVC
 * sequence header). A header that is not FLV, or says less, leaves those unknown.
 */
final class FlvHeader {

    private static final int FILE_HEADER_SIZE = 9 + FlvTags.PREVIOUS_TAG_SIZE;
    private static final int AMF_NUMBER = 0, AMF_BOOLEAN = 1, AMF_STRING = 2, AMF_OBJECT = 3, AMF_ECMA_ARRAY = 8,
            AMF_LONG_STRING = 12;

    private final byte[] bytes;
    /** The file header's flags (audio, video), or -1 when the header is not FLV. */
    private final int flags;
    private final Integer codecId;
    private final Integer width;
    private final Integer height;
    /** The video tags of the header, whole: the codec configuration; empty for codecs that have none. */
    private final byte[] configuration;

    private FlvHeader(byte[] bytes, int flags, Integer codecId, Integer width, Integer height, byte[] configuration) {
        this.bytes = bytes;
        this.flags = flags;
        this.codecId = codecId;
        this.width = width;
        this.height = height;
        this.configuration = configuration;
    }

    static FlvHeader parse(byte[] bytes) {
        if (bytes.length < FILE_HEADER_SIZE || bytes[0] != 'F' || bytes[1] != 'L' || bytes[2] != 'V') {
            return new FlvHeader(bytes, -1, null, null, null, new byte[0]);
        }
        Integer codecId = null;
        double[] size = { Double.NaN, Double.NaN, Double.NaN };
        ByteArrayOutputStream configuration = new ByteArrayOutputStream();
        try {
            for (int offset = FILE_HEADER_SIZE; offset < bytes.length; offset += FlvTags.size(bytes, offset)) {
                int type = bytes[offset] & 0x1F;
                int dataSize = FlvTags.size(bytes, offset) - FlvTags.TAG_HEADER_SIZE - FlvTags.PREVIOUS_TAG_SIZE;
                if (type == FlvTags.TYPE_VIDEO && dataSize > 0) {
                    codecId = bytes[offset + FlvTags.TAG_HEADER_SIZE] & 0x0F;
                    configuration.write(bytes, offset, FlvTags.size(bytes, offset));
                } else if (type == FlvTags.TYPE_SCRIPT) {
                    readMetadata(ByteBuffer.wrap(bytes, offset + FlvTags.TAG_HEADER_SIZE, dataSize), size);
                }
            }
        } catch (RuntimeException e) {
            // Whatever could not be read stays unknown.
        }
        if (codecId == null && !Double.isNaN(size[2])) {
            codecId = (int) size[2];
        }
        return new FlvHeader(bytes, bytes[4] & 0xFF, codecId, Double.isNaN(size[0]) ? null : (int) size[0],
                Double.isNaN(size[1]) ? null : (int) size[1], configuration.toByteArray());
    }

    /** Reads width, height and videocodecid from an onMetaData script tag's AMF0 data into {@code into}. */
    private static void readMetadata(ByteBuffer data, double[] into) {
        if (data.get() != AMF_STRING || !"onMetaData".equals(string(data, data.getShort() & 0xFFFF))) {
            return;
        }
        int container = data.get();
        if (container == AMF_ECMA_ARRAY) {
            data.getInt(); // the count, approximate by the specification: the end marker is what counts
        } else if (container != AMF_OBJECT) {
            return;
        }
        while (data.remaining() >= 3) {
            String key = string(data, data.getShort() & 0xFFFF);
            int type = data.get();
            switch (type) {
                case AMF_NUMBER -> {
                    double value = data.getDouble();
                    switch (key) {
                        case "width" -> into[0] = value;
                        case "height" -> into[1] = value;
                        case "videocodecid" -> into[2] = value;
                        default -> {
                        }
                    }
                }
                case AMF_BOOLEAN -> data.get();
                case AMF_STRING -> string(data, data.getShort() & 0xFFFF);
                case AMF_LONG_STRING -> string(data, data.getInt());
                default -> {
                    return; // the object end (an empty key and type 9), or a type not needed here
                }
            }
        }
    }

    private static String string(ByteBuffer data, int length) {
        byte[] text = new byte[length];
        data.get(text);
        return new String(text, StandardCharsets.UTF_8);
    }

    /** The header as received. */
    byte[] bytes() {
        return bytes;
    }

    boolean sameBytes(byte[] other) {
        return other == bytes || Arrays.equals(other, bytes);
    }

    /** The codec configuration tags, whole, or an empty array when the codec has none (FLV1) or it is unknown. */
    byte[] configuration() {
        return configuration;
    }

    /**
     * Why a viewer who decoded the stream under {@code before} cannot go on decoding it under this header
     * (another codec, picture size or set of tracks), or null when it can, given this header's codec
     * configuration.
     */
    String incompatibility(FlvHeader before) {
        if (flags != before.flags || !Objects.equals(codecId, before.codecId) || !Objects.equals(width, before.width)
                || !Objects.equals(height, before.height)) {
            return "the video is now " + describe() + ", it was " + before.describe();
        }
        return null;
    }

    /** E.g. {@code h264 320x240}. */
    String describe() {
        String codec = codecId == null ? "of an unknown codec" : switch (codecId) {
            case 2 -> "flv1";
            case 7 -> "h264";
            default -> "codec " + codecId;
        };
        return codec + (width == null || height == null ? "" : " " + width + "x" + height)
                + (flags < 0 ? " (not FLV)" : "");
    }
}
