package org.camrelay.simulator;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads a {@code multipart/x-mixed-replace} body part by part, keeping whatever lies between parts. */
final class MultipartReader {

    /** One part; {@code before} holds the bytes found ahead of its delimiter line. */
    record Part(byte[] before, String contentType, byte[] body) {
    }

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] closeDelimiter;

    MultipartReader(InputStream in, String contentType) {
        this.in = in;
        String boundary = contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
        delimiter = ("--" + boundary + "\r\n").getBytes(ISO_8859_1);
        closeDelimiter = ("--" + boundary + "--\r\n").getBytes(ISO_8859_1);
    }

    /** The next part, or null if the closing delimiter came. */
    Part next() throws IOException {
        ByteArrayOutputStream before = new ByteArrayOutputStream();
        while (!endsWith(before, delimiter)) {
            if (endsWith(before, closeDelimiter)) {
                return null;
            }
            int b = in.read();
            if (b == -1) {
                throw new IOException("end of stream before a part");
            }
            before.write(b);
        }
        String contentType = null;
        int length = -1;
        for (String line = HttpExchange.readLine(in); !line.isEmpty(); line = HttpExchange.readLine(in)) {
            String[] header = line.split(":", 2);
            if (header[0].equalsIgnoreCase("Content-Type")) {
                contentType = header[1].trim();
            } else if (header[0].equalsIgnoreCase("Content-Length")) {
                length = Integer.parseInt(header[1].trim());
            }
        }
        assertThat(length).as("part Content-Length").isNotNegative();
        byte[] body = in.readNBytes(length);
        assertThat(HttpExchange.readLine(in)).as("CRLF after the part").isEmpty();
        byte[] all = before.toByteArray();
        return new Part(Arrays.copyOf(all, all.length - delimiter.length), contentType, body);
    }

    private static boolean endsWith(ByteArrayOutputStream bytes, byte[] suffix) {
        int size = bytes.size();
        if (size < suffix.length) {
            return false;
        }
        byte[] all = bytes.toByteArray();
        return Arrays.equals(all, size - suffix.length, size, suffix, 0, suffix.length);
    }
}
