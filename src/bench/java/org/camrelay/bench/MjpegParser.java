package org.camrelay.bench;

import java.net.ProtocolException;
import java.nio.ByteBuffer;

/**
 * Parses camrelay's {@code multipart/x-mixed-replace} stream incrementally: each part's headers, whose
 * X-Frame-Seq and X-Received-At it reports, then Content-Length bytes of JPEG, counted, never kept. A frame
 * is reported when its last byte arrives.
 */
final class MjpegParser implements BodyParser {

    private final FrameSink sink;
    private final LineReader line = new LineReader(128);
    private boolean inHeaders;
    private boolean inBody;
    private long remaining;
    private long length;
    private long sequence;
    private long receivedAt;

    MjpegParser(FrameSink sink) {
        this.sink = sink;
    }

    @Override
    public void parse(ByteBuffer bytes) throws ProtocolException {
        while (bytes.hasRemaining()) {
            if (inBody) {
                int n = (int) Math.min(remaining, bytes.remaining());
                bytes.position(bytes.position() + n);
                remaining -= n;
                endOfPartIfRead();
            } else if (line.read(bytes)) {
                headerLine();
            }
        }
    }

    private void headerLine() throws ProtocolException {
        if (line.startsWith("--")) {
            inHeaders = true;
            length = -1;
            sequence = -1;
            receivedAt = -1;
        } else if (!inHeaders) {
            // The CRLF that ends the previous part's data.
            if (!line.isEmpty()) {
                throw new ProtocolException("expected a part boundary, got '" + line.text() + "'");
            }
        } else if (line.isEmpty()) {
            if (length < 0 || sequence < 0 || receivedAt < 0) {
                throw new ProtocolException("a part without Content-Length, X-Frame-Seq or X-Received-At");
            }
            inHeaders = false;
            inBody = true;
            remaining = length;
            endOfPartIfRead();
        } else if (line.isHeader("Content-Length")) {
            length = line.number();
        } else if (line.isHeader("X-Frame-Seq")) {
            sequence = line.number();
        } else if (line.isHeader("X-Received-At")) {
            receivedAt = line.number();
        }
    }

    private void endOfPartIfRead() {
        if (remaining == 0) {
            inBody = false;
            sink.frame(receivedAt, sequence);
        }
    }
}
