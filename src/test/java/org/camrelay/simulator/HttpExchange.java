package org.camrelay.simulator;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request over a raw socket, and its HTTP/1.0 response read byte-exactly: the tests check the
 * wire, which an HTTP client library would hide. For streams; {@link WebViewConnection} does several requests.
 */
final class HttpExchange implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private HttpExchange(int port, String method, String target, String... headerLines) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(5000);
        StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: camera\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        socket.getOutputStream().write(request.append("\r\n").toString().getBytes(ISO_8859_1));
        in = new BufferedInputStream(socket.getInputStream());
        String statusLine = readLine(in);
        assertThat(statusLine).startsWith("HTTP/1.0 ");
        status = Integer.parseInt(statusLine.substring(9, 12));
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
    }

    static HttpExchange get(int port, String target, String... headerLines) throws IOException {
        return new HttpExchange(port, "GET", target, headerLines);
    }

    static HttpExchange request(int port, String method, String target) throws IOException {
        return new HttpExchange(port, method, target);
    }

    int status() {
        return status;
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    InputStream body() {
        return in;
    }

    /** The body as its Content-Length says. */
    byte[] fixedLengthBody() throws IOException {
        String length = header("Content-Length");
        assertThat(length).as("Content-Length").isNotNull();
        return in.readNBytes(Integer.parseInt(length));
    }

    /** Reads one CRLF-terminated line, without the CRLF. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("end of stream within a line: " + line.toString(ISO_8859_1));
            }
            line.write(b);
        }
        String text = line.toString(ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
