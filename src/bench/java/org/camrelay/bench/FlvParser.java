package org.camrelay.bench;

import java.net.ProtocolException;
import java.nio.ByteBuffer;

/**
 * Parses an FLV stream incrementally: the file header, then tags (an 11-byte header, data, a 4-byte
 * PreviousTagSize), whose data is counted, never kept. Each video tag is reported when its last data byte
 * arrives; a PreviousTagSize that does not match its tag means the stream lost sync, and fails it.
 */
final class FlvParser implements BodyParser {

    private enum State { FILE_HEADER, SKIP, TAG_HEADER, DATA, PREVIOUS_SIZE }

    private static final int FILE_HEADER_SIZE = 9;
    private static final int TAG_HEADER_SIZE = 11;
    private static final int AUDIO = 8;
    private static final int VIDEO = 9;
    private static final int SCRIPT = 18;

    private final FrameSink sink;
    private State state = State.FILE_HEADER;
    /** Bytes of the current fixed-size field read so far. */
    private int index;
    /** The big-endian number being read: the header's data offset or the PreviousTagSize. */
    private long value;
    private int type;
    private int dataSize;
    private long timestamp;
    private long skip;

    FlvParser(FrameSink sink) {
        this.sink = sink;
    }

    @Override
    public void parse(ByteBuffer bytes) throws ProtocolException {
        while (bytes.hasRemaining()) {
            switch (state) {
                case FILE_HEADER -> fileHeader(bytes.get() & 0xFF);
                case SKIP -> {
                    int n = (int) Math.min(skip, bytes.remaining());
                    bytes.position(bytes.position() + n);
                    skip -= n;
                    if (skip == 0) {
                        startTag();
                    }
                }
                case TAG_HEADER -> tagHeader(bytes.get() & 0xFF);
                case DATA -> {
                    int n = (int) Math.min(skip, bytes.remaining());
                    bytes.position(bytes.position() + n);
                    skip -= n;
                    if (skip == 0) {
                        endOfData();
                    }
                }
                case PREVIOUS_SIZE -> previousSize(bytes.get() & 0xFF);
            }
        }
    }

    private void fileHeader(int b) throws ProtocolException {
        if (index < 3 && b != "FLV".charAt(index)) {
            throw new ProtocolException("not an FLV stream");
        }
        if (index >= 5) {
            value = value << 8 | b;
        }
        if (++index == FILE_HEADER_SIZE) {
            if (value < FILE_HEADER_SIZE) {
                throw new ProtocolException("FLV header size " + value);
            }
            // The rest of the header, then PreviousTagSize0.
            skip = value - FILE_HEADER_SIZE + 4;
            state = State.SKIP;
        }
    }

    private void startTag() {
        state = State.TAG_HEADER;
        index = 0;
        dataSize = 0;
        timestamp = 0;
    }

    private void tagHeader(int b) throws ProtocolException {
        switch (index) {
            case 0 -> {
                type = b & 0x1F;
                if (type != AUDIO && type != VIDEO && type != SCRIPT) {
                    throw new ProtocolException("FLV tag type " + type + ": the stream lost sync");
                }
            }
            case 1, 2, 3 -> dataSize = dataSize << 8 | b;
            case 4, 5, 6 -> timestamp = timestamp << 8 | b;
            case 7 -> timestamp |= (long) b << 24;
            default -> {
                // Stream id, always 0.
            }
        }
        if (++index == TAG_HEADER_SIZE) {
            skip = dataSize;
            state = State.DATA;
            if (skip == 0) {
                endOfData();
            }
        }
    }

    private void endOfData() {
        if (type == VIDEO) {
            sink.frame(timestamp, -1);
        }
        state = State.PREVIOUS_SIZE;
        index = 0;
        value = 0;
    }

    private void previousSize(int b) throws ProtocolException {
        value = value << 8 | b;
        if (++index == 4) {
            if (value != TAG_HEADER_SIZE + dataSize) {
                throw new ProtocolException("PreviousTagSize " + value + " after a tag of " + (TAG_HEADER_SIZE + dataSize)
                        + " bytes: the stream lost sync");
            }
            startTag();
        }
    }
}
