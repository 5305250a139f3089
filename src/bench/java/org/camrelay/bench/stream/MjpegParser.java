package org.camrelay.bench.stream;

import java.io.ByteArrayOutputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Parses a {@code multipart/x-mixed-replace} stream of JPEGs incrementally: each part's delimiter line
 * ({@code --BOUNDARY}), its headers, then Content-Length bytes of JPEG and the CRLF after them; a closing delimiter
 * ({@code --BOUNDARY--}) ends the stream.
 *
 * <p>Three modes. {@link #MjpegParser(String, FrameSink) Counting}, for the load generator on camrelay's streams:
 * the JPEG is skipped, never kept, each part must carry X-Frame-Seq and X-Received-At, which are reported when its
 * last byte arrives, and anything but line ends between parts fails the stream. {@link #keeping(String, Consumer)
 * Keeping}: each part is handed on whole once the CRLF after it has come, equally strict between parts.
 * {@link #keepingStrayBytes(String, Consumer) Keeping stray bytes}: what comes between parts is not an error but
 * handed on with the next part, for a camera that is told to send garbage.
 */
public final class MjpegParser implements BodyParser {

    private enum State { BETWEEN, DELIMITER_LINE, HEADERS, BODY, BODY_END, CLOSED }

    private static final byte[] NOTHING = new byte[0];

    /**
     * One part as received, kept whole.
     *
     * @param before           the bytes between the previous part (or the body's start) and this part's delimiter;
     *                         empty unless stray bytes are kept
     * @param contentType      the part's Content-Type, or null
     * @param jpeg             the part's body
     * @param sequence         its X-Frame-Seq, or -1
     * @param receivedAtMillis its X-Received-At, or -1
     * @param receivedNanos    {@link System#nanoTime()} when its body's last byte was parsed
     */
    public record Frame(byte[] before, String contentType, byte[] jpeg, long sequence, long receivedAtMillis,
            long receivedNanos) {
    }

    /** The delimiter: two hyphens and the boundary. */
    private final byte[] delimiter;
    private final FrameSink sink;
    private final Consumer<Frame> frames;
    /** Keeping stray bytes: what came before the delimiter being matched; null when they fail the stream. */
    private final ByteArrayOutputStream stray;
    private final LineReader line;
    private State state = State.BETWEEN;
    /** How many bytes of the delimiter the last bytes matched. */
    private int matched;
    private long remaining;
    private long length;
    private long sequence;
    private long receivedAt;
    private long receivedNanos;
    /** Keeping: the part's Content-Type and body. */
    private String contentType;
    private byte[] jpeg;

    /**
     * A parser of camrelay's MJPEG that keeps nothing and tells {@code sink} of each part's X-Received-At and
     * X-Frame-Seq.
     */
    public MjpegParser(String boundary, FrameSink sink) {
        this(boundary, sink, null, false);
    }

    private MjpegParser(String boundary, FrameSink sink, Consumer<Frame> frames, boolean keepStray) {
        this.delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.sink = sink;
        this.frames = frames;
        this.stray = keepStray ? new ByteArrayOutputStream() : null;
        this.line = new LineReader(frames == null ? 128 : 8192);
    }

    /** A parser that hands every part, whole, to {@code frames}; anything but line ends between parts fails it. */
    public static MjpegParser keeping(String boundary, Consumer<Frame> frames) {
        return new MjpegParser(boundary, null, frames, false);
    }

    /** A parser that hands every part, whole, to {@code frames}, with the bytes found ahead of its delimiter. */
    public static MjpegParser keepingStrayBytes(String boundary, Consumer<Frame> frames) {
        return new MjpegParser(boundary, null, frames, true);
    }

    @Override
    public void parse(ByteBuffer bytes) throws ProtocolException {
        while (bytes.hasRemaining()) {
            switch (state) {
                case BETWEEN -> between(bytes.get());
                case DELIMITER_LINE -> {
                    if (line.read(bytes)) {
                        delimiterLine();
                    }
                }
                case HEADERS -> {
                    if (line.read(bytes)) {
                        headerLine();
                    }
                }
                case BODY -> body(bytes);
                case BODY_END -> {
                    if (line.read(bytes)) {
                        endOfPart();
                    }
                }
                // After the closing delimiter comes only an epilogue, which means nothing.
                case CLOSED -> bytes.position(bytes.limit());
            }
        }
    }

    /**
     * How many bytes this parser can take without reading past the part it is in: the rest of the body, else one.
     * A blocking reader that must not read ahead of the parts asks before each read.
     */
    public int bytesWanted() {
        return state == State.BODY ? (int) Math.min(remaining, Integer.MAX_VALUE) : 1;
    }

    /** Whether the closing delimiter has come. */
    public boolean closed() {
        return state == State.CLOSED;
    }

    /** Matches the delimiter; what falls out of a partial match is stray. */
    private void between(byte b) throws ProtocolException {
        if (b == delimiter[matched]) {
            if (++matched == delimiter.length) {
                matched = 0;
                state = State.DELIMITER_LINE;
            }
            return;
        }
        // The longest start of the delimiter that the matched bytes and b end with; the bytes before it are stray.
        int next = matched;
        while (next > 0 && !(delimiter[next - 1] == b && startEndsWith(matched, next - 1))) {
            next--;
        }
        int dropped = matched + 1 - next;
        for (int i = 0; i < dropped; i++) {
            stray(i < matched ? delimiter[i] : b);
        }
        matched = next;
    }

    /** Whether the delimiter's first {@code length} bytes end its first {@code end} bytes. */
    private boolean startEndsWith(int end, int length) {
        for (int i = 0; i < length; i++) {
            if (delimiter[i] != delimiter[end - length + i]) {
                return false;
            }
        }
        return true;
    }

    private void stray(byte b) throws ProtocolException {
        if (stray != null) {
            stray.write(b);
        } else if (b != '\r' && b != '\n') {
            throw new ProtocolException("expected the part delimiter "
                    + new String(delimiter, StandardCharsets.ISO_8859_1) + ", got byte 0x" + Integer.toHexString(b & 0xFF));
        }
    }

    /** The rest of the delimiter's line: nothing (but white space) before a part, two hyphens at the end. */
    private void delimiterLine() throws ProtocolException {
        String rest = line.isEmpty() ? "" : line.text().trim();
        if (rest.equals("--")) {
            state = State.CLOSED;
        } else if (rest.isEmpty()) {
            state = State.HEADERS;
            length = -1;
            sequence = -1;
            receivedAt = -1;
            contentType = null;
        } else {
            throw new ProtocolException("a delimiter line ending in '" + rest + "'");
        }
    }

    private void headerLine() throws ProtocolException {
        if (line.isEmpty()) {
            if (length < 0 || sink != null && (sequence < 0 || receivedAt < 0)) {
                throw new ProtocolException(sink == null ? "a part without Content-Length"
                        : "a part without Content-Length, X-Frame-Seq or X-Received-At");
            }
            state = State.BODY;
            remaining = length;
            if (frames != null) {
                jpeg = new byte[(int) length];
            }
            if (remaining == 0) {
                endOfBody();
            }
        } else if (line.isHeader("Content-Length")) {
            length = line.number();
            if (frames != null && length > Integer.MAX_VALUE - 8) {
                throw new ProtocolException("a part of " + length + " bytes");
            }
        } else if (line.isHeader("X-Frame-Seq")) {
            sequence = line.number();
        } else if (line.isHeader("X-Received-At")) {
            receivedAt = line.number();
        } else if (frames != null && line.isHeader("Content-Type")) {
            contentType = line.value();
        }
    }

    private void body(ByteBuffer bytes) {
        int n = (int) Math.min(remaining, bytes.remaining());
        if (frames == null) {
            bytes.position(bytes.position() + n);
        } else {
            bytes.get(jpeg, (int) (length - remaining), n);
        }
        remaining -= n;
        if (remaining == 0) {
            endOfBody();
        }
    }

    private void endOfBody() {
        state = State.BODY_END;
        receivedNanos = System.nanoTime();
        if (sink != null) {
            sink.frame(receivedAt, sequence);
        }
    }

    private void endOfPart() throws ProtocolException {
        if (!line.isEmpty()) {
            throw new ProtocolException("no CRLF after a part's " + length + " bytes, but '" + line.text() + "'");
        }
        state = State.BETWEEN;
        if (frames != null) {
            byte[] before = stray == null || stray.size() == 0 ? NOTHING : stray.toByteArray();
            if (stray != null) {
                stray.reset();
            }
            Frame frame = new Frame(before, contentType, jpeg, sequence, receivedAt, receivedNanos);
            jpeg = null;
            frames.accept(frame);
        }
    }
}
