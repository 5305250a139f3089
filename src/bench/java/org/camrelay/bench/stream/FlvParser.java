package org.camrelay.bench.stream;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Parses an FLV stream incrementally, as the FLV specification (v10) lays it out: the file header, then tags (an
 * 11-byte header, data, a 4-byte PreviousTagSize). A PreviousTagSize that does not match its tag means the stream
 * lost sync, and fails it.
 *
 * <p>Two modes. {@link #FlvParser(FrameSink) Counting}, for the load generator: tag data is skipped, never kept, and
 * each video tag is reported when its last data byte arrives, so that a connection costs a few dozen bytes.
 * {@link #keeping(Consumer) Keeping}, for tests and close looks: every tag is handed on whole, as on the wire, once
 * its PreviousTagSize has been checked, and the file header is kept.
 */
public final class FlvParser implements BodyParser {

    private enum State { FILE_HEADER, REST_OF_HEADER, TAG_HEADER, DATA, PREVIOUS_SIZE }

    public static final int AUDIO = 8;
    public static final int VIDEO = 9;
    public static final int SCRIPT = 18;
    private static final int FILE_HEADER_SIZE = 9;
    private static final int TAG_HEADER_SIZE = 11;
    private static final int PREVIOUS_SIZE_SIZE = 4;

    /**
     * One tag as received, kept whole.
     *
     * @param bytes         the tag header, its data and the PreviousTagSize after it, as on the wire
     * @param receivedNanos {@link System#nanoTime()} when its last byte was parsed
     */
    public record Tag(byte[] bytes, long receivedNanos) {

        /** 8 audio, 9 video, 18 script data. */
        public int type() {
            return bytes[0] & 0x1F;
        }

        public int dataSize() {
            return (int) unsigned(1, 3);
        }

        /** Milliseconds, with the extended byte. */
        public long timestamp() {
            return unsigned(4, 3) | unsigned(7, 1) << 24;
        }

        public int streamId() {
            return (int) unsigned(8, 3);
        }

        /** A copy of the tag's data. */
        public byte[] data() {
            return Arrays.copyOfRange(bytes, TAG_HEADER_SIZE, TAG_HEADER_SIZE + dataSize());
        }

        public long previousTagSize() {
            return unsigned(bytes.length - PREVIOUS_SIZE_SIZE, PREVIOUS_SIZE_SIZE);
        }

        /** Video tags: 1 keyframe, 2 inter frame. */
        public int frameType() {
            return (bytes[TAG_HEADER_SIZE] & 0xFF) >> 4;
        }

        /** Video tags: 2 Sorenson H.263, 7 AVC. */
        public int codecId() {
            return bytes[TAG_HEADER_SIZE] & 0x0F;
        }

        /** Whether this is a video tag of a keyframe. */
        public boolean keyframe() {
            return type() == VIDEO && dataSize() > 0 && frameType() == 1;
        }

        /** For AVC: 0 for the sequence header, 1 for a picture. */
        public int avcPacketType() {
            return bytes[TAG_HEADER_SIZE + 1];
        }

        private long unsigned(int offset, int length) {
            long value = 0;
            for (int i = 0; i < length; i++) {
                value = value << 8 | bytes[offset + i] & 0xFF;
            }
            return value;
        }
    }

    /** Told of video tags, counting. */
    private final FrameSink sink;
    /** Handed every tag whole, keeping; null when counting. */
    private final Consumer<Tag> tags;
    private State state = State.FILE_HEADER;
    /** Bytes of the current fixed-size field read so far. */
    private int index;
    /** The big-endian number being read: the header's data offset or the PreviousTagSize. */
    private long value;
    private int type;
    private int dataSize;
    private long timestamp;
    /** Bytes left of the header's rest or of the tag's data. */
    private long skip;
    /** Keeping: the file header and PreviousTagSize0, then the current tag as it arrives. */
    private byte[] fileHeader;
    private byte[] tag;
    private int kept;

    /** A parser that keeps nothing and tells {@code sink} of each video tag. */
    public FlvParser(FrameSink sink) {
        this(sink, null);
    }

    private FlvParser(FrameSink sink, Consumer<Tag> tags) {
        this.sink = sink;
        this.tags = tags;
        if (tags != null) {
            fileHeader = new byte[FILE_HEADER_SIZE];
            tag = new byte[TAG_HEADER_SIZE];
        }
    }

    /** A parser that hands every tag, whole, to {@code tags}. */
    public static FlvParser keeping(Consumer<Tag> tags) {
        return new FlvParser(null, tags);
    }

    /** The tags of a whole FLV file; a {@link ProtocolException} if it is not one or ends within a tag. */
    public static List<Tag> tags(byte[] flv) throws ProtocolException {
        List<Tag> tags = new ArrayList<>();
        FlvParser parser = keeping(tags::add);
        parser.parse(ByteBuffer.wrap(flv));
        if (!parser.betweenTags()) {
            throw new ProtocolException("the FLV ends within " + (parser.state == State.TAG_HEADER
                    || parser.state == State.DATA || parser.state == State.PREVIOUS_SIZE ? "a tag" : "its header"));
        }
        return tags;
    }

    /** The one whole tag that {@code bytes} are, without a file header before it; else a {@link ProtocolException}. */
    public static Tag tag(byte[] bytes) throws ProtocolException {
        List<Tag> tags = new ArrayList<>();
        boolean whole = parseTags(bytes, tags);
        if (tags.size() != 1 || !whole) {
            throw new ProtocolException(bytes.length + " bytes are not one whole tag but " + tags.size()
                    + (whole ? "" : " and a part"));
        }
        return tags.get(0);
    }

    /** The whole tags that {@code bytes} are, without a file header before them; else a {@link ProtocolException}. */
    public static List<Tag> wholeTags(byte[] bytes) throws ProtocolException {
        List<Tag> tags = new ArrayList<>();
        if (!parseTags(bytes, tags)) {
            throw new ProtocolException(bytes.length + " bytes are " + tags.size() + " whole tags and a part");
        }
        return tags;
    }

    /** Parses tags without a file header into {@code tags}; whether the bytes ended between tags. */
    private static boolean parseTags(byte[] bytes, List<Tag> tags) throws ProtocolException {
        FlvParser parser = keeping(tags::add);
        parser.startTag();
        parser.parse(ByteBuffer.wrap(bytes));
        return parser.betweenTags();
    }

    @Override
    public void parse(ByteBuffer bytes) throws ProtocolException {
        while (bytes.hasRemaining()) {
            switch (state) {
                case FILE_HEADER -> fileHeader(bytes.get());
                case REST_OF_HEADER -> {
                    take(bytes, fileHeader);
                    if (skip == 0) {
                        startTag();
                    }
                }
                case TAG_HEADER -> tagHeader(bytes.get());
                case DATA -> {
                    take(bytes, tag);
                    if (skip == 0) {
                        endOfData();
                    }
                }
                case PREVIOUS_SIZE -> previousSize(bytes.get());
            }
        }
    }

    /** Skips or keeps (into {@code into}, from {@link #kept}) up to {@link #skip} bytes. */
    private void take(ByteBuffer bytes, byte[] into) {
        int n = (int) Math.min(skip, bytes.remaining());
        if (tags == null) {
            bytes.position(bytes.position() + n);
        } else {
            bytes.get(into, kept, n);
            kept += n;
        }
        skip -= n;
    }

    /** The file header, with PreviousTagSize0 after it, once read; only when keeping. */
    public byte[] fileHeader() {
        return fileHeader == null || state == State.FILE_HEADER || state == State.REST_OF_HEADER ? null
                : fileHeader.clone();
    }

    /** Whether the bytes so far ended with a whole tag, or with the file header. */
    public boolean betweenTags() {
        return state == State.TAG_HEADER && index == 0;
    }

    private void fileHeader(byte b) throws ProtocolException {
        if (index < 3 && b != "FLV".charAt(index)) {
            throw new ProtocolException("not an FLV stream");
        }
        if (index >= 5) {
            value = value << 8 | b & 0xFF;
        }
        if (fileHeader != null) {
            fileHeader[index] = b;
        }
        if (++index == FILE_HEADER_SIZE) {
            if (value < FILE_HEADER_SIZE || value > 1 << 20) {
                throw new ProtocolException("FLV header size " + value);
            }
            // The rest of the header, then PreviousTagSize0.
            skip = value - FILE_HEADER_SIZE + PREVIOUS_SIZE_SIZE;
            if (fileHeader != null) {
                fileHeader = Arrays.copyOf(fileHeader, (int) value + PREVIOUS_SIZE_SIZE);
                kept = FILE_HEADER_SIZE;
            }
            state = State.REST_OF_HEADER;
        }
    }

    private void startTag() {
        state = State.TAG_HEADER;
        index = 0;
        dataSize = 0;
        timestamp = 0;
    }

    private void tagHeader(byte b) throws ProtocolException {
        int u = b & 0xFF;
        switch (index) {
            case 0 -> {
                type = u & 0x1F;
                if (type != AUDIO && type != VIDEO && type != SCRIPT) {
                    throw new ProtocolException("FLV tag type " + type + ": the stream lost sync");
                }
            }
            case 1, 2, 3 -> dataSize = dataSize << 8 | u;
            case 4, 5, 6 -> timestamp = timestamp << 8 | u;
            case 7 -> timestamp |= (long) u << 24;
            default -> {
                // Stream id, always 0.
            }
        }
        if (tags != null) {
            tag[index] = b;
        }
        if (++index == TAG_HEADER_SIZE) {
            skip = dataSize;
            if (tags != null) {
                tag = Arrays.copyOf(tag, TAG_HEADER_SIZE + dataSize + PREVIOUS_SIZE_SIZE);
                kept = TAG_HEADER_SIZE;
            }
            state = State.DATA;
            if (skip == 0) {
                endOfData();
            }
        }
    }

    private void endOfData() {
        if (type == VIDEO && sink != null) {
            sink.frame(timestamp, -1);
        }
        state = State.PREVIOUS_SIZE;
        index = 0;
        value = 0;
    }

    private void previousSize(byte b) throws ProtocolException {
        value = value << 8 | b & 0xFF;
        if (tags != null) {
            tag[kept++] = b;
        }
        if (++index == PREVIOUS_SIZE_SIZE) {
            if (value != TAG_HEADER_SIZE + dataSize) {
                throw new ProtocolException("PreviousTagSize " + value + " after a tag of " + (TAG_HEADER_SIZE + dataSize)
                        + " bytes: the stream lost sync");
            }
            if (tags != null) {
                tags.accept(new Tag(tag, System.nanoTime()));
                tag = new byte[TAG_HEADER_SIZE];
            }
            startTag();
        }
    }
}
