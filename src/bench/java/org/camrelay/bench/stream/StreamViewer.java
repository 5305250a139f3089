package org.camrelay.bench.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A viewer of a never-ending HTTP stream over a plain blocking socket, for tests and for the few viewers a benchmark
 * looks at closely: it reads the response on its own thread with {@link HttpResponseParser}, a {@link ChunkedDecoder}
 * where the response is chunked, and the format's parser in its keeping mode, and keeps every unit it hands on.
 *
 * @param <T> what the format's parser yields (a tag, a frame)
 */
public abstract class StreamViewer<T> implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final Socket socket = new Socket();
    private final String host;
    private final int port;
    private final String path;
    private final List<T> frames = new ArrayList<>();
    private final CountDownLatch headersRead = new CountDownLatch(1);
    private volatile HttpResponseParser head;
    private volatile Throwable failure;
    private volatile boolean ended;

    protected StreamViewer(String host, int port, String path) {
        this.host = host;
        this.port = port;
        this.path = path;
    }

    /** A GET of {@code target} on {@code authority} ({@code host:port}), as the viewers of every benchmark send it. */
    public static byte[] request(String authority, String target, String userAgent) {
        return ("GET " + target + " HTTP/1.1\r\nHost: " + authority + "\r\nUser-Agent: " + userAgent + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code viewer}, connected, its request sent and its reading started: once constructed, for its factory. */
    protected static <V extends StreamViewer<?>> V started(V viewer) throws IOException {
        ((StreamViewer<?>) viewer).start();
        return viewer;
    }

    private void start() throws IOException {
        socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
        OutputStream out = socket.getOutputStream();
        out.write(request(host + ":" + port, path, "camrelay-stream-viewer"));
        out.flush();
        Thread reader = new Thread(this::read, getClass().getSimpleName() + "-" + socket.getLocalPort());
        reader.setDaemon(true);
        reader.start();
    }

    /** The format's parser for the body of {@code head}, handing each unit to {@link #received}. */
    protected abstract BodyParser body(HttpResponseParser head) throws ProtocolException;

    protected final void received(T frame) {
        synchronized (frames) {
            frames.add(frame);
            frames.notifyAll();
        }
    }

    private void read() {
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            HttpResponseParser response = HttpResponseParser.keepingHeaders();
            BodyParser body = null;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                if (body == null) {
                    if (!response.parse(bytes)) {
                        continue;
                    }
                    head = response;
                    headersRead.countDown();
                    if (response.status() != 200) {
                        return;
                    }
                    body = response.body(body(response));
                }
                body.parse(bytes);
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

    /** The response's status, waiting up to 10 s for its head; 0 if none came. */
    public int status() throws InterruptedException {
        headersRead.await(10, TimeUnit.SECONDS);
        HttpResponseParser response = head;
        return response == null ? 0 : response.status();
    }

    /** A response header, waiting up to 10 s for the head; null if not sent. */
    public String header(String name) throws InterruptedException {
        headersRead.await(10, TimeUnit.SECONDS);
        HttpResponseParser response = head;
        return response == null ? null : response.header(name);
    }

    /** Waits until at least {@code count} units arrived; returns all so far. */
    public List<T> awaitFrames(int count, long timeoutMillis) throws InterruptedException {
        return await(frames -> frames.size() >= count, timeoutMillis);
    }

    /**
     * Waits until the units so far meet {@code condition}, the stream ends or {@code timeoutMillis} pass; returns all
     * so far.
     */
    public List<T> await(Predicate<List<T>> condition, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (frames) {
            while (!condition.test(frames) && !ended) {
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
}
