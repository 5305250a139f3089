package org.camrelay.bench.stream;

import java.net.ProtocolException;
import java.nio.ByteBuffer;

/** Decodes {@code Transfer-Encoding: chunked} incrementally, passing the chunks' data straight on. */
public final class ChunkedDecoder implements BodyParser {

    private enum State { SIZE, EXTENSION, DATA, DATA_END, DONE }

    private static final long MAX_CHUNK = Integer.MAX_VALUE;

    private final BodyParser body;
    private State state = State.SIZE;
    private long size;
    private boolean sizeDigits;
    private long remaining;

    public ChunkedDecoder(BodyParser body) {
        this.body = body;
    }

    @Override
    public void parse(ByteBuffer bytes) throws ProtocolException {
        while (bytes.hasRemaining()) {
            switch (state) {
                case SIZE -> size(bytes.get());
                case EXTENSION -> {
                    if (bytes.get() == '\n') {
                        endOfSizeLine();
                    }
                }
                case DATA -> data(bytes);
                case DATA_END -> {
                    byte b = bytes.get();
                    if (b == '\n') {
                        state = State.SIZE;
                    } else if (b != '\r') {
                        throw new ProtocolException("no CRLF after a chunk's data");
                    }
                }
                // After the last chunk only trailers can come, and nothing in them matters here.
                case DONE -> bytes.position(bytes.limit());
            }
        }
    }

    private void size(byte b) throws ProtocolException {
        int digit = Character.digit((char) (b & 0xFF), 16);
        if (digit >= 0) {
            size = size * 16 + digit;
            sizeDigits = true;
            if (size > MAX_CHUNK) {
                throw new ProtocolException("chunk size over " + MAX_CHUNK);
            }
        } else if (b == ';' || b == ' ' || b == '\t') {
            state = State.EXTENSION;
        } else if (b == '\n') {
            endOfSizeLine();
        } else if (b != '\r') {
            throw new ProtocolException("bad chunk size byte 0x" + Integer.toHexString(b & 0xFF));
        }
    }

    private void endOfSizeLine() throws ProtocolException {
        if (!sizeDigits) {
            throw new ProtocolException("no chunk size");
        }
        remaining = size;
        state = size == 0 ? State.DONE : State.DATA;
        size = 0;
        sizeDigits = false;
    }

    private void data(ByteBuffer bytes) throws ProtocolException {
        int n = (int) Math.min(remaining, bytes.remaining());
        int limit = bytes.limit();
        bytes.limit(bytes.position() + n);
        body.parse(bytes);
        bytes.limit(limit);
        remaining -= n;
        if (remaining == 0) {
            state = State.DATA_END;
        }
    }
}
