package org.camrelay.bench.jmh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.netty.buffer.ByteBuf;
import org.camrelay.simulator.CameraSimulator;
import org.camrelay.component.vbc10.MultipartStreamDecoder;

/**
 * A camera's byte stream exactly as the relay receives it, recorded once from an in-process simulator: the body of a
 * WebView HTTP {@code GetOneShot} stream (multipart parts, each a real 640x480 4:2:0 JPEG from the simulator's
 * renderer) and the same JPEGs back to back, as the native protocol delivers them.
 *
 * @param multipartBody the parts without the closing delimiter, so the recording can be fed again and again as one
 *                      endless stream
 * @param boundary      the multipart boundary from the response's Content-Type
 * @param jpegs         the frames, one JPEG each, as the relay's decoders split them
 * @param jpegStream    the frames concatenated
 */
public record CameraRecording(byte[] multipartBody, String boundary, List<byte[]> jpegs, byte[] jpegStream) {

    public static final int WIDTH = 640;
    public static final int HEIGHT = 480;
    /** The simulator's picture rate: fast enough to record quickly, slow enough that every frame is rendered anew. */
    private static final int FPS = 30;
    private static final int TIMEOUT_MS = 10_000;
    private static final byte[] END_OF_HEADERS = {'\r', '\n', '\r', '\n'};

    /** Records {@code frames} distinct frames (at 30 fps, so about {@code frames / 30} seconds). */
    public static CameraRecording record(int frames) throws IOException {
        try (CameraSimulator simulator = CameraSimulator.builder().nativePort(CameraSimulator.DISABLED).httpPort(0)
                .fps(FPS).size(WIDTH, HEIGHT).name("bench-recording").build()) {
            simulator.start();
            return fromResponse(oneShot(simulator.httpPort(), frames), frames);
        }
    }

    /** The whole response to {@code GetOneShot} for {@code frames} frames; the simulator closes it after the last. */
    private static byte[] oneShot(int port, int frames) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            // frame_rate counts frames per 1,000 seconds, as Canon's specification has it
            out.write(String.format(Locale.ROOT, "GET /-wvhttp-01-/GetOneShot?image_size=%dx%d&frame_rate=%d"
                    + "&frame_count=%d HTTP/1.1\r\nHost: camera\r\n\r\n", WIDTH, HEIGHT, FPS * 1000, frames)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return in.readAllBytes();
        }
    }

    private static CameraRecording fromResponse(byte[] response, int frames) {
        int bodyStart = indexOf(response, END_OF_HEADERS, 0) + END_OF_HEADERS.length;
        String head = new String(response, 0, bodyStart, StandardCharsets.ISO_8859_1);
        // a VB-C10 answers in HTTP/1.0, its body ending with the connection
        if (!head.matches("HTTP/1\\.[01] 200[\\s\\S]*") || head.toLowerCase(Locale.ROOT).contains("transfer-encoding")) {
            throw new IllegalStateException("unexpected GetOneShot response: " + head);
        }
        String boundary = null;
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-type")) {
                boundary = MultipartStreamDecoder.boundaryOf(line.substring(colon + 1).trim());
            }
        }
        if (boundary == null) {
            throw new IllegalStateException("GetOneShot answered no multipart stream: " + head);
        }
        int bodyEnd = lastIndexOf(response, ("--" + boundary + "--").getBytes(StandardCharsets.US_ASCII));
        byte[] body = Arrays.copyOfRange(response, bodyStart, bodyEnd < 0 ? response.length : bodyEnd);
        List<byte[]> jpegs = jpegsOf(body, boundary, frames);
        ByteArrayOutputStream stream = new ByteArrayOutputStream(body.length);
        jpegs.forEach(stream::writeBytes);
        return new CameraRecording(body, boundary, List.copyOf(jpegs), stream.toByteArray());
    }

    /** How many frames the recording holds. */
    public int frames() {
        return jpegs.size();
    }

    /** The JPEG parts of a multipart body, as the relay's own decoders find them. */
    private static List<byte[]> jpegsOf(byte[] body, String boundary, int frames) {
        List<byte[]> jpegs = new ArrayList<>(frames);
        try (SplitterPipeline splitter = new SplitterPipeline(boundary, frame -> {
            ByteBuf data = frame.content();
            byte[] copy = new byte[data.readableBytes()];
            data.getBytes(data.readerIndex(), copy);
            jpegs.add(copy);
        })) {
            splitter.feed(body, body.length);
            if (splitter.framesOut() != frames || splitter.problems() != 0) {
                throw new IllegalStateException("the recording holds " + splitter.framesOut() + " clean frames, not "
                        + frames);
            }
        }
        return jpegs;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        for (int i = from; i <= data.length - pattern.length; i++) {
            if (Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new IllegalStateException("no end of HTTP headers in the GetOneShot response");
    }

    private static int lastIndexOf(byte[] data, byte[] pattern) {
        for (int i = data.length - pattern.length; i >= 0; i--) {
            if (Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d frames of %dx%d, %d bytes of JPEG (%d per frame), %d bytes multipart",
                frames(), WIDTH, HEIGHT, jpegStream.length, jpegStream.length / Math.max(1, frames()), multipartBody.length);
    }
}
