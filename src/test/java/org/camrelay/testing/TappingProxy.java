package org.camrelay.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback between the relay and a camera (the simulator) that keeps what the relay sent on each
 * connection, so that a test can count what reached the camera: WebView requests (one connection each) or native
 * control datagrams. Bytes pass through unchanged in both directions, and a half-close on one side is passed on.
 * <p>
 * Blocking sockets, two threads per connection: for tests with a few connections at a time, not for load. What the
 * relay sends is kept up to {@value #MAX_KEPT_BYTES} bytes per connection.
 */
public final class TappingProxy implements AutoCloseable {

    /** What is kept of each connection's bytes from the relay at most; the rest passes without being kept. */
    public static final int MAX_KEPT_BYTES = 1 << 20;

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final ExecutorService threads;
    private final List<ByteArrayOutputStream> sent = new CopyOnWriteArrayList<>();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private TappingProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        AtomicInteger count = new AtomicInteger();
        threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "tapping-proxy-" + targetPort + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        threads.execute(this::accept);
    }

    /** Listens on an ephemeral loopback port and passes every connection on to {@code host:port}. */
    public static TappingProxy to(String host, int port) throws IOException {
        return new TappingProxy(host, port);
    }

    /** The port to give the relay instead of the camera's. */
    public int port() {
        return server.getLocalPort();
    }

    /** What the relay has sent so far on each connection, in the order they were accepted. */
    public List<byte[]> sent() {
        return sent.stream().map(bytes -> {
            synchronized (bytes) {
                return bytes.toByteArray();
            }
        }).toList();
    }

    /** How many connections the relay has opened through the proxy. */
    public int connections() {
        return sent.size();
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        sockets.forEach(TappingProxy::closeQuietly);
        threads.shutdownNow();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            Socket camera = new Socket();
            try {
                camera.connect(new InetSocketAddress(targetHost, targetPort), 5000);
                client.setTcpNoDelay(true);
                camera.setTcpNoDelay(true);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(camera);
                continue;
            }
            sockets.add(client);
            sockets.add(camera);
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            sent.add(kept);
            AtomicInteger open = new AtomicInteger(2);
            threads.execute(() -> pump(client, camera, kept, open));
            threads.execute(() -> pump(camera, client, null, open));
        }
    }

    /** Copies one direction until its end, passing a half-close on; the last direction to end closes both sockets. */
    private void pump(Socket from, Socket to, ByteArrayOutputStream kept, AtomicInteger open) {
        byte[] buffer = new byte[16 * 1024];
        boolean clean = false;
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int read; (read = in.read(buffer)) >= 0; ) {
                if (kept != null) {
                    synchronized (kept) {
                        kept.write(buffer, 0, Math.max(0, Math.min(read, MAX_KEPT_BYTES - kept.size())));
                    }
                }
                out.write(buffer, 0, read);
                out.flush();
            }
            to.shutdownOutput();
            clean = true;
        } catch (IOException e) {
            // reset or closed: end both directions
        }
        if (!clean || open.decrementAndGet() == 0) {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
