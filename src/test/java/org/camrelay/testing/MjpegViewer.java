package org.camrelay.testing;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** A test viewer of an MJPEG stream that parses the multipart parts strictly. */
public final class MjpegViewer extends StreamViewer<MjpegViewer.Frame> {

    /**
     * One received part, with the time its last byte arrived, and what its part headers say: the camera's frame
     * number ({@code X-Frame-Seq}) and when the relay received it ({@code X-Received-At}), -1 where absent.
     */
    public record Frame(byte[] jpeg, long receivedNanos, long sequence, long receivedAtMillis) {
    }

    private volatile String boundary;

    private MjpegViewer(String host, int port, String path) throws IOException {
        super(host, port, path);
    }

    public static MjpegViewer open(String host, int port, String path) throws IOException {
        return new MjpegViewer(host, port, path);
    }

    @Override
    protected void parse(InputStream body) throws IOException {
        try {
            boundary = "--" + header("content-type").split("boundary=")[1];
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        while (true) {
            String delimiter = line(body);
            if (delimiter == null) {
                return;
            }
            if (!delimiter.equals(boundary)) {
                throw new IOException("expected boundary " + boundary + ", got '" + delimiter + "'");
            }
            int length = -1;
            long sequence = -1;
            long receivedAt = -1;
            for (String l = line(body); !l.isEmpty(); l = line(body)) {
                String lower = l.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(l.substring(15).trim());
                } else if (lower.startsWith("x-frame-seq:")) {
                    sequence = Long.parseLong(l.substring(12).trim());
                } else if (lower.startsWith("x-received-at:")) {
                    receivedAt = Long.parseLong(l.substring(14).trim());
                }
            }
            byte[] jpeg = body.readNBytes(length);
            if (jpeg.length != length) {
                return;
            }
            long now = System.nanoTime();
            if (!line(body).isEmpty()) {
                throw new IOException("part not followed by CRLF");
            }
            received(new Frame(jpeg, now, sequence, receivedAt));
        }
    }
}
