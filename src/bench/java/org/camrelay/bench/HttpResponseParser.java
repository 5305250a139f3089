package org.camrelay.bench;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.util.Locale;

/** Parses an HTTP/1.x response head incrementally, keeping only what the load generator needs. */
final class HttpResponseParser {

    private final LineReader line = new LineReader(128);
    private int status = -1;
    private boolean chunked;
    private long streamEpoch = -1;
    private boolean complete;

    /** Consumes head bytes; true once the head is complete, with {@code bytes} positioned at the body. */
    boolean parse(ByteBuffer bytes) throws ProtocolException {
        while (!complete && line.read(bytes)) {
            if (status < 0) {
                status = status(line.text());
            } else if (line.isEmpty()) {
                complete = true;
            } else if (line.isHeader("Transfer-Encoding")) {
                chunked = line.value().toLowerCase(Locale.ROOT).contains("chunked");
            } else if (line.isHeader("X-Stream-Epoch")) {
                streamEpoch = line.number();
            }
        }
        return complete;
    }

    private static int status(String statusLine) throws ProtocolException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new ProtocolException("not an HTTP/1.x status line: '" + statusLine + "'");
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new ProtocolException("no status code in '" + statusLine + "'");
        }
    }

    int status() {
        return status;
    }

    boolean chunked() {
        return chunked;
    }

    /** The X-Stream-Epoch header, epoch milliseconds at FLV timestamp 0, or -1 when absent. */
    long streamEpoch() {
        return streamEpoch;
    }
}
