package org.camrelay.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A test viewer of a never-ending HTTP stream over a plain socket: reads the response (chunked or not) on
 * its own thread and hands the body to a format's parser, keeping every unit it parses.
 *
 * @param <T> what the format's parser yields (a frame, a tag)
 */
public abstract class StreamViewer<T> implements AutoCloseable {

    private final Socket socket;
    private final List<T> frames = new ArrayList<>();
    private final CountDownLatch headersRead = new CountDownLatch(1);
    private volatile int status;
    private volatile Map<String, String> headers = Map.of();
    private volatile Throwable failure;
    private volatile boolean ended;

    protected StreamViewer(String host, int port, String path) throws IOException {
        socket = new Socket(host, port);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread reader = new Thread(this::read, getClass().getSimpleName() + "-" + socket.getLocalPort());
        reader.setDaemon(true);
        reader.start();
    }

    /** Parses the response body, calling {@link #received} for each unit, until the stream ends. */
    protected abstract void parse(InputStream body) throws IOException;

    protected final void received(T frame) {
        synchronized (frames) {
            frames.add(frame);
            frames.notifyAll();
        }
    }

    private void read() {
        try {
            InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
            status = Integer.parseInt(line(in).split(" ")[1]);
            Map<String, String> h = new HashMap<>();
            for (String l = line(in); !l.isEmpty(); l = line(in)) {
                int colon = l.indexOf(':');
                h.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
            }
            headers = h;
            headersRead.countDown();
            if (status == 200) {
                parse("chunked".equalsIgnoreCase(h.get("transfer-encoding")) ? new ChunkedInputStream(in) : in);
            }
        } catch (IOException e) {
            if (!socket.isClosed()) {
                failure = e;
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            ended = true;
            headersRead.countDown();
            synchronized (frames) {
                frames.notifyAll();
            }
        }
    }

    /** Reads one CRLF-terminated line; null at the end of the stream. */
    protected static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = buffer.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            buffer.write(b);
        }
        return buffer.size() == 0 ? null : buffer.toString(StandardCharsets.ISO_8859_1);
    }

    public int status() throws InterruptedException {
        headersRead.await(10, TimeUnit.SECONDS);
        return status;
    }

    public String header(String name) throws InterruptedException {
        headersRead.await(10, TimeUnit.SECONDS);
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Waits until at least {@code count} units arrived; returns all so far. */
    public List<T> awaitFrames(int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (frames) {
            while (frames.size() < count && !ended) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                frames.wait(left);
            }
            return new ArrayList<>(frames);
        }
    }

    public List<T> frames() {
        synchronized (frames) {
            return new ArrayList<>(frames);
        }
    }

    /** True once the server closed the connection or the stream could not be parsed. */
    public boolean ended() {
        return ended;
    }

    public Throwable failure() {
        return failure;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** HTTP/1.1 chunked transfer decoding, just enough for a never-ending response. */
    private static final class ChunkedInputStream extends InputStream {
        private final InputStream in;
        private int left;
        private boolean done;

        ChunkedInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = line(in);
                if (size != null && size.isEmpty()) {
                    size = line(in);
                }
                if (size == null) {
                    done = true;
                    return -1;
                }
                left = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (left == 0) {
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, Math.min(len, left));
            if (n == -1) {
                done = true;
                return -1;
            }
            left -= n;
            return n;
        }
    }
}
