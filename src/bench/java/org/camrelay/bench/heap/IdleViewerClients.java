package org.camrelay.bench.heap;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.camrelay.bench.ChildProcess;
import org.camrelay.bench.stream.HttpResponseParser;
import org.camrelay.bench.stream.StreamViewer;

/**
 * Idle viewers in a process of their own, so that their sockets, buffers and threads are not in the heap being
 * measured: the process opens the connections, asks each for the stream, reads each response's head, says
 * {@code connected N} and holds them, reading nothing more, until it is stopped or its parent ends.
 */
final class IdleViewerClients implements AutoCloseable {

    /**
     * Connections opened before their responses are read: below the 50 that Jetty's listening socket queues by
     * default, beyond which the kernel drops connection attempts and clients retry only after a second.
     */
    private static final int BATCH = 32;
    private static final int TIMEOUT_MS = 30_000;
    private static final Duration CONNECT_TIMEOUT = Duration.ofMinutes(5);

    private final ChildProcess process;
    private final long connectMillis;

    private IdleViewerClients(ChildProcess process, long connectMillis) {
        this.process = process;
        this.connectMillis = connectMillis;
    }

    /** Starts the client process and returns once all {@code count} viewers have their response heads. */
    static IdleViewerClients connect(int port, String path, int count) throws IOException, InterruptedException {
        long start = System.nanoTime();
        // A small, quiet JVM: it only holds sockets.
        ChildProcess process = ChildProcess.start("the idle viewers", ChildProcess.java(List.of("-Xmx128m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), IdleViewerClients.class.getName(), "127.0.0.1",
                Integer.toString(port), path, Integer.toString(count)));
        try {
            String line = process.awaitLine("the viewers connecting", CONNECT_TIMEOUT,
                    said -> said.startsWith("connected ") || said.startsWith("failed "));
            if (!("connected " + count).equals(line)) {
                throw new IOException("the viewer process did not connect its " + count + " viewers: " + line);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.close();
            throw e;
        }
        return new IdleViewerClients(process, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** From starting the process to the last viewer's response head. */
    long connectMillis() {
        return connectMillis;
    }

    /** Closes every connection by ending the process. */
    @Override
    public void close() {
        process.close();
    }

    /** The client process: {@code HOST PORT PATH COUNT}. */
    public static void main(String[] args) throws IOException {
        InetSocketAddress address = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        byte[] request = StreamViewer.request(args[0], args[2], "camrelay-idle-viewer");
        int count = Integer.parseInt(args[3]);
        List<Socket> sockets = new ArrayList<>(count);
        try {
            for (int batch = 0; batch < count; batch += BATCH) {
                int end = Math.min(count, batch + BATCH);
                for (int i = batch; i < end; i++) {
                    Socket socket = new Socket();
                    sockets.add(socket);
                    socket.connect(address, TIMEOUT_MS);
                    socket.setSoTimeout(TIMEOUT_MS);
                    socket.getOutputStream().write(request);
                }
                for (int i = batch; i < end; i++) {
                    int status = readHead(sockets.get(i).getInputStream());
                    if (status != 200) {
                        throw new IOException("viewer " + i + " got HTTP " + status);
                    }
                }
            }
            System.out.println("connected " + count);
            System.out.flush();
            // Hold the connections until stopped, or until the parent has gone without stopping this process.
            ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().join());
        } catch (IOException e) {
            System.out.println("failed after " + sockets.size() + " connections: " + e);
            System.out.flush();
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    /**
     * Reads the response head (an idle stream sends nothing after it, so nothing is read past it); returns the
     * status.
     */
    private static int readHead(InputStream in) throws IOException {
        HttpResponseParser head = new HttpResponseParser();
        byte[] buffer = new byte[1024];
        while (true) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("connection closed in the response head");
            }
            if (head.parse(ByteBuffer.wrap(buffer, 0, n))) {
                return head.status();
            }
        }
    }
}
