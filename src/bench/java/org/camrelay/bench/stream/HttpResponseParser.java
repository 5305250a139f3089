package org.camrelay.bench.stream;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses an HTTP/1.x response head incrementally. By default it keeps only what a load generator's viewer needs,
 * in lines of at most 128 bytes, so that thousands of connections cost little; {@link #keepingHeaders()} keeps every
 * header as well, for tests.
 */
public final class HttpResponseParser {

    private final LineReader line;
    /** Every header by its lower-case name; null unless kept. */
    private final Map<String, String> headers;
    private int status = -1;
    private boolean chunked;
    private long streamEpoch = -1;
    private String boundary;
    private boolean complete;

    /** A parser that keeps the status, chunked or not, X-Stream-Epoch and a multipart boundary. */
    public HttpResponseParser() {
        this(new LineReader(128), null);
    }

    private HttpResponseParser(LineReader line, Map<String, String> headers) {
        this.line = line;
        this.headers = headers;
    }

    /** A parser that keeps every header too, in lines of up to 8 KiB. */
    public static HttpResponseParser keepingHeaders() {
        return new HttpResponseParser(new LineReader(8192), new HashMap<>());
    }

    /** Consumes head bytes; true once the head is complete, with {@code bytes} positioned at the body. */
    public boolean parse(ByteBuffer bytes) throws ProtocolException {
        while (!complete && line.read(bytes)) {
            if (status < 0) {
                status = status(line.text());
            } else if (line.isEmpty()) {
                complete = true;
            } else {
                header();
            }
        }
        return complete;
    }

    private void header() throws ProtocolException {
        if (headers != null && line.text().indexOf(':') > 0) {
            String text = line.text();
            headers.put(text.substring(0, text.indexOf(':')).trim().toLowerCase(Locale.ROOT), line.value());
        }
        if (line.isHeader("Transfer-Encoding")) {
            chunked = line.value().toLowerCase(Locale.ROOT).contains("chunked");
        } else if (line.isHeader("X-Stream-Epoch")) {
            streamEpoch = line.number();
        } else if (line.isHeader("Content-Type")) {
            boundary = boundary(line.value());
        }
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

    /** The {@code boundary} parameter of a Content-Type, unquoted, or null. */
    private static String boundary(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] nameValue = parameter.split("=", 2);
            if (nameValue.length == 2 && nameValue[0].trim().equalsIgnoreCase("boundary")) {
                String value = nameValue[1].trim();
                return value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")
                        ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }

    public int status() {
        return status;
    }

    public boolean chunked() {
        return chunked;
    }

    /** The X-Stream-Epoch header, epoch milliseconds at FLV timestamp 0, or -1 when absent. */
    public long streamEpoch() {
        return streamEpoch;
    }

    /** The multipart boundary of the Content-Type; a {@link ProtocolException} if it names none. */
    public String boundary() throws ProtocolException {
        if (boundary == null || boundary.isEmpty()) {
            throw new ProtocolException("no multipart boundary in the response's Content-Type");
        }
        return boundary;
    }

    /** A header's value, or null if it was not sent; only for a parser {@link #keepingHeaders() keeping them}. */
    public String header(String name) {
        if (headers == null) {
            throw new IllegalStateException("this parser keeps no headers");
        }
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body's parser: {@code stream} itself, or behind a {@link ChunkedDecoder} if the response is chunked. */
    public BodyParser body(BodyParser stream) {
        return chunked ? new ChunkedDecoder(stream) : stream;
    }
}
