package org.camrelay.component.vbc10;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Strips the framing of a {@code multipart/x-mixed-replace} body (boundaries and part headers) and passes the bodies
 * of JPEG parts on as they stream, as slices of the received bytes, for {@link JpegFrameDecoder} to frame.
 * <p>
 * A part whose body does not start with SOI is skipped and reported. Part headers, Content-Length included, are not
 * trusted: a part ends where the next boundary appears, with or without the line break that should precede it, so a
 * camera that lies about lengths or leaves out line breaks loses no frames. The boundary is taken with or without the
 * leading {@code "--"} that many cameras put in the header; a Content-Type without a boundary gets the one that opens
 * the body. Lines may end with CRLF or, as Canon's WebView bodies do, with LF only. Memory stays bounded: only what may
 * be the start of a boundary (a few bytes) or part headers (up to 8 KiB) are ever held back.
 * <p>
 * The closing boundary ({@code --boundary--}) ends the stream: {@link #ended()} turns true and the handler given for it
 * runs, once; whatever follows is ignored.
 */
public final class MultipartStreamDecoder extends ByteToMessageDecoder {

    private static final int MAX_HEADER_BYTES = 8192;
    private static final int MAX_BOUNDARY_LINE = 1024;
    private static final int NO_MATCH = -1;
    private static final int NEED_MORE = -2;

    private enum State {
        /** No boundary was announced: the first line of the body, {@code --boundary}, gives it. */
        FIRST_LINE,
        /** Preamble or part body, up to the next boundary. */
        BODY,
        /** The rest of a boundary line: transport padding or the closing "--". */
        BOUNDARY_LINE,
        HEADERS,
        /** After the closing boundary: ignored. */
        EPILOGUE,
        /** The body opened with no boundary: nothing in it can be framed, every byte is skipped and counted. */
        UNFRAMED
    }

    private enum Part {
        PREAMBLE, UNKNOWN, JPEG, OTHER
    }

    /** "--" and the boundary, without a leading "--" of its own; null until learnt from the body. */
    private byte[] delimiter;
    private final JpegStreamListener listener;
    private final Runnable closed;

    private State state;
    private Part part = Part.PREAMBLE;
    /** Bytes past the reader index already searched. */
    private int scanned;
    private int headerBytes;

    /**
     * @param boundary the {@code boundary} parameter of the Content-Type, unquoted
     * @param listener told about skipped parts
     */
    public MultipartStreamDecoder(String boundary, JpegStreamListener listener) {
        this(boundary, listener, () -> { });
    }

    /**
     * @param boundary the {@code boundary} parameter of the Content-Type, unquoted; null to take it from the first line
     *                 of the body
     * @param listener told about skipped parts
     * @param closed   run once when the closing boundary arrives
     */
    public MultipartStreamDecoder(String boundary, JpegStreamListener listener, Runnable closed) {
        if (boundary != null) {
            this.delimiter = delimiter(boundary);
            this.state = State.BODY;
        } else {
            this.state = State.FIRST_LINE;
        }
        this.listener = Objects.requireNonNull(listener, "listener");
        this.closed = Objects.requireNonNull(closed, "closed");
    }

    private static byte[] delimiter(String boundary) {
        String token = boundary.startsWith("--") ? boundary.substring(2) : boundary;
        if (token.isEmpty()) {
            throw new IllegalArgumentException("invalid multipart boundary '" + boundary + "'");
        }
        return ("--" + token).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Whether the closing boundary has arrived: the stream ended as the camera meant it to. */
    public boolean ended() {
        return state == State.EPILOGUE;
    }

    /**
     * The boundary parameter of a {@code multipart/x-mixed-replace} Content-Type, quoted or not; {@code null} if the
     * type is different or has no boundary.
     */
    public static String boundaryOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("multipart/x-mixed-replace")) {
            return null;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).trim().equalsIgnoreCase("boundary")) {
                String value = parameter.substring(equals + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        boolean progress;
        do {
            progress = switch (state) {
                case FIRST_LINE -> firstLine(in);
                case BODY -> body(in, out);
                case BOUNDARY_LINE -> boundaryLine(in);
                case HEADERS -> headers(in);
                case EPILOGUE -> {
                    in.skipBytes(in.readableBytes());
                    yield false;
                }
                case UNFRAMED -> {
                    skipAll(in);
                    yield false;
                }
            };
        } while (progress);
    }

    /** Learns the boundary from the body's first line; a body that opens with anything else is no multipart. */
    private boolean firstLine(ByteBuf in) {
        int start = in.readerIndex();
        int lf = indexOf(in, start, '\n');
        if (lf < 0) {
            if (in.readableBytes() > MAX_BOUNDARY_LINE) {
                skipAll(in);
            }
            return false;
        }
        String line = in.toString(start, lf - start, StandardCharsets.ISO_8859_1).strip();
        if (line.isEmpty()) {
            in.readerIndex(lf + 1); // a blank line before the first boundary
            return true;
        }
        if (!line.startsWith("--") || line.length() < 3 || line.endsWith("--")) {
            // not a boundary: nothing in this body can be framed
            skipAll(in);
            return false;
        }
        delimiter = line.getBytes(StandardCharsets.ISO_8859_1);
        in.readerIndex(lf + 1);
        state = State.HEADERS;
        headerBytes = 0;
        return true;
    }

    private void skipAll(ByteBuf in) {
        if (in.isReadable()) {
            listener.bytesSkipped(in.readableBytes());
            in.skipBytes(in.readableBytes());
        }
        state = State.UNFRAMED;
    }

    private boolean body(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        for (int i = indexOf(in, start + scanned, '-'); i >= 0; i = indexOf(in, i + 1, '-')) {
            int match = matchDelimiter(in, i);
            if (match == NO_MATCH) {
                continue;
            }
            // the line break before a boundary belongs to it; so does a "--" that makes it the strict form
            int delimiterStart = i - start >= 2 && in.getByte(i - 1) == '-' && in.getByte(i - 2) == '-' ? i - 2 : i;
            int bodyEnd = trimLineBreak(in, start, delimiterStart);
            if (match == NEED_MORE) {
                release(in, out, bodyEnd, false);
                scanned = i - in.readerIndex();
                return false;
            }
            release(in, out, bodyEnd, true);
            in.readerIndex(match);
            state = State.BOUNDARY_LINE;
            scanned = 0;
            return true;
        }
        release(in, out, trimLineBreak(in, start, end), false); // a trailing line break may precede a boundary
        scanned = end - in.readerIndex();
        return false;
    }

    /** Passes on or skips the body bytes before {@code end}. */
    private void release(ByteBuf in, List<Object> out, int end, boolean partEnded) {
        int start = in.readerIndex();
        int length = end - start;
        if (part == Part.UNKNOWN) {
            if (length < 2 && !partEnded) {
                return; // the first two bytes tell a JPEG (SOI) from anything else
            }
            boolean jpeg = length >= 2 && in.getUnsignedByte(start) == 0xFF && in.getUnsignedByte(start + 1) == 0xD8;
            part = jpeg ? Part.JPEG : Part.OTHER;
        }
        if (length == 0) {
            return;
        }
        if (part == Part.JPEG) {
            out.add(in.readRetainedSlice(length));
            return;
        }
        in.skipBytes(length);
        if (part == Part.OTHER) {
            listener.bytesSkipped(length);
        }
    }

    /**
     * Whether the boundary starts at {@code at}: the index after it if so, or {@link #NO_MATCH}, or {@link #NEED_MORE}
     * while the bytes so far could still be it.
     */
    private int matchDelimiter(ByteBuf in, int at) {
        int available = in.writerIndex() - at;
        int compared = Math.min(available, delimiter.length);
        for (int i = 0; i < compared; i++) {
            if (in.getByte(at + i) != delimiter[i]) {
                return NO_MATCH;
            }
        }
        if (available <= delimiter.length) {
            return NEED_MORE; // the byte after it tells a boundary from a longer word
        }
        byte next = in.getByte(at + delimiter.length);
        return next == '-' || next == '\r' || next == '\n' || next == ' ' || next == '\t'
                ? at + delimiter.length
                : NO_MATCH;
    }

    /** {@code end}, less a CRLF or LF just before it. */
    private static int trimLineBreak(ByteBuf in, int start, int end) {
        int trimmed = end;
        if (trimmed > start && in.getByte(trimmed - 1) == '\n') {
            trimmed--;
        }
        if (trimmed > start && in.getByte(trimmed - 1) == '\r') {
            trimmed--;
        }
        return trimmed;
    }

    private static int indexOf(ByteBuf in, int from, char value) {
        return from < in.writerIndex() ? in.indexOf(from, in.writerIndex(), (byte) value) : -1;
    }

    private boolean boundaryLine(ByteBuf in) {
        int start = in.readerIndex();
        int lf = indexOf(in, start, '\n');
        if (lf < 0) {
            if (in.readableBytes() > MAX_BOUNDARY_LINE) {
                resync(0);
                return true;
            }
            return false;
        }
        boolean closing = lf - start >= 2 && in.getByte(start) == '-' && in.getByte(start + 1) == '-';
        in.readerIndex(lf + 1);
        state = closing ? State.EPILOGUE : State.HEADERS;
        headerBytes = 0;
        if (closing) {
            closed.run();
        }
        return true;
    }

    private boolean headers(ByteBuf in) {
        for (;;) {
            int start = in.readerIndex();
            int end = in.writerIndex();
            int lf = indexOf(in, start + scanned, '\n');
            if (lf < 0) {
                scanned = end - start;
                if (headerBytes + scanned > MAX_HEADER_BYTES) {
                    resync(headerBytes);
                    return true;
                }
                return false;
            }
            int lineLength = lf - start;
            headerBytes += lineLength + 1;
            in.readerIndex(lf + 1);
            scanned = 0;
            if (lineLength == 0 || lineLength == 1 && in.getByte(start) == '\r') {
                state = State.BODY;
                part = Part.UNKNOWN;
                return true;
            }
            if (headerBytes > MAX_HEADER_BYTES) {
                resync(headerBytes);
                return true;
            }
        }
    }

    /** Framing went wrong: skip, counting, up to the next boundary. */
    private void resync(int alreadyConsumed) {
        if (alreadyConsumed > 0) {
            listener.bytesSkipped(alreadyConsumed);
        }
        state = State.BODY;
        part = Part.OTHER;
        scanned = 0;
    }
}
