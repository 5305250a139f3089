package org.camrelay.component.vbc10;

import java.util.List;
import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Splits a byte stream into {@link JpegFrame}s by following the JPEG structure: no framing, no fixed read sizes.
 * <p>
 * Between frames it seeks SOI (bytes before it are reported as skipped). Inside a frame it walks the marker segments
 * by their lengths, so data inside them (an EXIF thumbnail with its own SOI and EOI, say) is never looked at, reads
 * the size from the frame header (SOF), and after SOS scans the entropy-coded data, where {@code FF00} is stuffing and
 * RST0-7 are restart markers, until EOI ends the frame or another marker (the next scan of a progressive image)
 * returns to segment parsing. A new SOI inside a frame means the frame was cut short: it is dropped as corrupt and
 * the new one starts there. Broken structure drops the frame as corrupt and resynchronises on the next SOI.
 * <p>
 * Parsing is incremental: each byte is examined once however the stream is split. A frame that grows beyond
 * {@code maxFrameSize} is dropped as oversize; the decoder keeps following its structure to find where it ends but
 * releases its bytes as they arrive, so memory stays bounded by one read however long the frame is.
 */
public final class JpegFrameDecoder extends ByteToMessageDecoder {

    private static final int MARKER_PREFIX = 0xFF;
    private static final int TEM = 0x01;
    private static final int RST0 = 0xD0;
    private static final int RST7 = 0xD7;
    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;

    private enum State {
        /** Between frames, looking for SOI. */
        SEEK_SOI,
        /** Inside a frame, at the next marker. */
        MARKER,
        /** Inside the entropy-coded data that follows SOS. */
        ENTROPY_DATA
    }

    private final int maxFrameSize;
    private final JpegStreamListener listener;

    private State state = State.SEEK_SOI;
    /**
     * How far the current frame has been parsed, counted from the reader index. Relative because the cumulation
     * buffer may be compacted or replaced between reads; the reader index stays at the frame's SOI unless discarding.
     */
    private int scanned;
    /** The current frame is oversized: parsed only to find its end, its bytes released as they arrive. */
    private boolean discarding;
    private boolean hasFrameHeader;
    private int width;
    private int height;

    /**
     * @param maxFrameSize largest frame, in bytes, that is passed on
     * @param listener     told about skipped bytes and dropped frames
     */
    public JpegFrameDecoder(int maxFrameSize, JpegStreamListener listener) {
        if (maxFrameSize <= 0) {
            throw new IllegalArgumentException("maxFrameSize must be positive, was " + maxFrameSize);
        }
        this.maxFrameSize = maxFrameSize;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Whether a frame has begun (SOI) and neither ended nor been dropped as oversize: input stopping now would cut it,
     * and its loss is not counted yet. Otherwise the bytes seen so far held only whole (or counted) frames and what
     * lies between them.
     */
    boolean inFrame() {
        return state != State.SEEK_SOI && !discarding;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        boolean progress;
        do {
            progress = switch (state) {
                case SEEK_SOI -> seekStartOfImage(in);
                case MARKER -> parseMarker(in, out);
                case ENTROPY_DATA -> scanEntropyData(in, out);
            };
            if (state != State.SEEK_SOI) {
                boundFrame(in);
            }
        } while (progress);
    }

    private boolean seekStartOfImage(ByteBuf in) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        for (int i = in.indexOf(start, end, (byte) MARKER_PREFIX); i >= 0;
             i = in.indexOf(i + 1, end, (byte) MARKER_PREFIX)) {
            if (i + 1 == end) {
                skip(in, i - start); // keep the 0xFF: it may be the first half of an SOI
                return false;
            }
            if (in.getUnsignedByte(i + 1) == SOI) {
                skip(in, i - start);
                startFrame();
                return true;
            }
        }
        skip(in, end - start);
        return false;
    }

    private boolean parseMarker(ByteBuf in, List<Object> out) {
        int available = in.readableBytes();
        if (available < scanned + 2) {
            return false;
        }
        int at = in.readerIndex() + scanned;
        if (in.getUnsignedByte(at) != MARKER_PREFIX) {
            return corrupt(in, String.format("expected a marker, found 0x%02X", in.getUnsignedByte(at)));
        }
        int marker = in.getUnsignedByte(at + 1);
        if (marker == MARKER_PREFIX) {
            scanned++; // fill byte
            return true;
        }
        if (marker == SOI) {
            return restartAt(in, scanned);
        }
        if (marker == EOI) {
            return endOfImage(in, out, scanned + 2);
        }
        if (marker == TEM || marker >= RST0 && marker <= RST7) {
            scanned += 2; // markers without a length
            return true;
        }
        if (marker == 0x00) {
            return corrupt(in, "stuffed byte 0xFF00 outside entropy-coded data");
        }
        if (available < scanned + 4) {
            return false;
        }
        int length = in.getUnsignedShort(at + 2);
        if (length < 2) {
            return corrupt(in, String.format("segment 0xFF%02X has invalid length %d", marker, length));
        }
        if (isStartOfFrame(marker) && !hasFrameHeader) {
            if (length < 8) {
                return corrupt(in, String.format("frame header 0xFF%02X too short (%d bytes)", marker, length));
            }
            if (available < scanned + 9) {
                return false;
            }
            // SOF: length(2) precision(1) height(2) width(2) ...
            height = in.getUnsignedShort(at + 5);
            width = in.getUnsignedShort(at + 7);
            hasFrameHeader = true;
        }
        scanned += 2 + length; // the segment's content is skipped, never scanned
        if (marker == SOS) {
            state = State.ENTROPY_DATA;
        }
        return true;
    }

    private boolean scanEntropyData(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int i = start + scanned; // beyond end while the SOS header itself is still arriving
        while (i < end) {
            i = in.indexOf(i, end, (byte) MARKER_PREFIX);
            if (i < 0) {
                i = end;
            } else if (i + 1 == end) {
                break; // need the byte after 0xFF
            } else {
                int marker = in.getUnsignedByte(i + 1);
                if (marker == 0x00 || marker >= RST0 && marker <= RST7) {
                    i += 2; // stuffing or restart marker: still entropy-coded data
                } else if (marker == MARKER_PREFIX) {
                    i++; // fill byte before a marker
                } else {
                    scanned = i - start;
                    if (marker == EOI) {
                        return endOfImage(in, out, scanned + 2);
                    }
                    if (marker == SOI) {
                        return restartAt(in, scanned);
                    }
                    state = State.MARKER; // tables or the next scan of a progressive image
                    return true;
                }
            }
        }
        scanned = i - start;
        return false;
    }

    /** Switches an oversized frame to discarding, and releases what a discarded frame no longer needs. */
    private void boundFrame(ByteBuf in) {
        if (!discarding && scanned > maxFrameSize) {
            discarding = true;
            listener.frameOversize(maxFrameSize);
        }
        if (discarding) {
            int parsed = Math.min(scanned, in.readableBytes());
            in.skipBytes(parsed);
            scanned -= parsed;
        }
    }

    private boolean endOfImage(ByteBuf in, List<Object> out, int length) {
        if (discarding) {
            in.skipBytes(length);
        } else if (length > maxFrameSize) {
            listener.frameOversize(maxFrameSize);
            in.skipBytes(length);
        } else if (!hasFrameHeader) {
            listener.frameCorrupt("EOI before any frame header (SOF)");
            in.skipBytes(length);
        } else {
            out.add(new JpegFrame(in.readRetainedSlice(length), width, height));
        }
        state = State.SEEK_SOI;
        scanned = 0;
        discarding = false;
        return true;
    }

    /** A new SOI at {@code offset}: the current frame was cut short. */
    private boolean restartAt(ByteBuf in, int offset) {
        if (!discarding) {
            listener.frameCorrupt("truncated: a new frame began before EOI");
        }
        in.skipBytes(offset);
        startFrame();
        return true;
    }

    /** Drops the frame parsed so far; what follows is skipped up to the next SOI. */
    private boolean corrupt(ByteBuf in, String reason) {
        if (!discarding) {
            listener.frameCorrupt(reason);
        }
        in.skipBytes(scanned);
        state = State.SEEK_SOI;
        scanned = 0;
        discarding = false;
        return true;
    }

    private void startFrame() {
        state = State.MARKER;
        scanned = 2; // SOI
        discarding = false;
        hasFrameHeader = false;
        width = 0;
        height = 0;
    }

    private void skip(ByteBuf in, int count) {
        if (count > 0) {
            in.skipBytes(count);
            listener.bytesSkipped(count);
        }
    }

    /** SOF0-SOF15, except DHT (C4), JPG (C8) and DAC (CC) which share the range. */
    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }
}
