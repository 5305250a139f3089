package org.camrelay.simulator;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A raw socket to the WebView interface for one or more requests, each response read byte-exactly and checked for
 * what a VB-C10 sends: an HTTP/1.0 status line and header lines ending in CRLF.
 */
final class WebViewConnection implements AutoCloseable {

    /** One response. */
    record Reply(int status, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The Livescope-Status header: "0" on success. */
        String livescope() {
            return header("Livescope-Status");
        }

        /** The text body, checked to end its lines with LF only. */
        String text() {
            String text = new String(body, ISO_8859_1);
            assertThat(text).as("a text body has LF line ends").doesNotContain("\r").endsWith("\n");
            return text;
        }

        List<String> lines() {
            return Arrays.asList(text().split("\n"));
        }

        /** The value of a {@code key=value} line of the text body, or null. */
        String value(String key) {
            for (String line : lines()) {
                if (line.startsWith(key + "=")) {
                    return line.substring(key.length() + 1);
                }
            }
            return null;
        }

        /** Checks this is a WebView error with the code, and the error body the specification gives. */
        Reply assertError(int code) {
            assertThat(status).as("HTTP status of a WebView error").isEqualTo(200);
            assertThat(livescope()).as("Livescope-Status").startsWith(code + " ");
            assertThat(header("Content-Type")).isEqualTo("text/plain");
            List<String> lines = lines();
            assertThat(lines.get(0)).isEqualTo("--- WebView Livescope Http Server Error ---");
            assertThat(lines.get(1)).isEqualTo(livescope().substring(4));
            return this;
        }

        Reply assertOk() {
            assertThat(status).isEqualTo(200);
            assertThat(livescope()).as("Livescope-Status of %s", new String(body, ISO_8859_1)).isEqualTo("0");
            return this;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    WebViewConnection(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** A GET on a fresh connection without keep-alive; checks the camera closes it after the answer. */
    static Reply fetch(int port, String target, String... headerLines) throws IOException {
        try (WebViewConnection connection = new WebViewConnection(port)) {
            Reply reply = connection.get(false, target, headerLines);
            assertThat(connection.seesEndOfStream()).as("closed after an answer without keep-alive").isTrue();
            return reply;
        }
    }

    /** Sends a GET, asking to keep the connection or not, and reads the answer. */
    Reply get(boolean keepAlive, String target, String... headerLines) throws IOException {
        send("GET", target, keepAlive, null, headerLines);
        return read();
    }

    /** Sends a request, with a body for POST. */
    void send(String method, String target, boolean keepAlive, String body, String... headerLines) throws IOException {
        StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: camera\r\n");
        if (keepAlive) {
            request.append("Connection: keep-alive\r\n");
        }
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        if (body != null) {
            request.append("Content-Length: ").append(body.getBytes(ISO_8859_1).length).append("\r\n");
        }
        request.append("\r\n");
        if (body != null) {
            request.append(body);
        }
        out.write(request.toString().getBytes(ISO_8859_1));
        out.flush();
    }

    /** Reads one response with a Content-Length. */
    Reply read() throws IOException {
        String statusLine = crlfLine();
        assertThat(statusLine).startsWith("HTTP/1.0 ");
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = crlfLine(); !line.isEmpty(); line = crlfLine()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        String length = headers.get("content-length");
        assertThat(length).as("Content-Length").isNotNull();
        byte[] body = in.readNBytes(Integer.parseInt(length));
        return new Reply(status, headers, body);
    }

    InputStream in() {
        return in;
    }

    /** Whether the camera closed the connection, waiting for that up to the socket timeout. */
    boolean seesEndOfStream() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    /** Whether nothing arrives within the time. */
    boolean staysSilentFor(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return in.read() == -2; // never: a byte or the end of the stream both break the silence
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    private String crlfLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("end of stream within a line: " + line.toString(ISO_8859_1));
            }
            line.write(b);
        }
        String text = line.toString(ISO_8859_1);
        assertThat(text).as("header line ends with CRLF").endsWith("\r");
        return text.substring(0, text.length() - 1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
