package org.camrelay.bench.stream;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads one LF- or CRLF-terminated line at a time from bytes split anywhere. Its buffer is fixed, small where
 * thousands of connections each have one: longer lines are cut, which is harmless where only short header lines
 * are looked at.
 */
final class LineReader {

    private final byte[] line;
    private int length;
    private boolean complete;

    LineReader(int capacity) {
        line = new byte[capacity];
    }

    /** Consumes bytes up to and including the next LF; true when a whole line is ready. */
    boolean read(ByteBuffer bytes) {
        if (complete) {
            length = 0;
            complete = false;
        }
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            if (b == '\n') {
                complete = true;
                return true;
            }
            if (b != '\r' && length < line.length) {
                line[length++] = b;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return length == 0;
    }

    boolean startsWith(String prefix) {
        if (length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toLowerCase((char) line[i]) != Character.toLowerCase(prefix.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether this is the header {@code name}, in any case. */
    boolean isHeader(String name) {
        return length > name.length() && line[name.length()] == ':' && startsWith(name);
    }

    /** The value of this header line, trimmed. */
    String value() {
        String text = text();
        return text.substring(text.indexOf(':') + 1).trim();
    }

    /** The value of this header line as a non-negative number. */
    long number() throws ProtocolException {
        try {
            return Long.parseUnsignedLong(value());
        } catch (NumberFormatException e) {
            throw new ProtocolException("not a number in '" + text() + "'");
        }
    }

    String text() {
        return new String(line, 0, length, StandardCharsets.ISO_8859_1);
    }
}
