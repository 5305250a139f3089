package org.camrelay.bench.heap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Idle viewers in a process of their own, so that their sockets, buffers and threads are not in the heap being
 * measured: the process opens the connections, asks each for the stream, reads each response's headers, says
 * {@code connected N} and holds them, reading nothing more, until its standard input closes.
 */
final class IdleViewerClients implements AutoCloseable {

    /**
     * Connections opened before their responses are read: below the 50 that Jetty's listening socket queues by
     * default, beyond which the kernel drops connection attempts and clients retry only after a second.
     */
    private static final int BATCH = 32;
    private static final int TIMEOUT_MS = 30_000;

    private final Process process;
    private final long connectMillis;

    private IdleViewerClients(Process process, long connectMillis) {
        this.process = process;
        this.connectMillis = connectMillis;
    }

    /** Starts the client process and returns once all {@code count} viewers have their response headers. */
    static IdleViewerClients connect(int port, String path, int count) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A small, quiet JVM: it only holds sockets.
                "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", ownClassPath(), IdleViewerClients.class.getName(),
                "127.0.0.1", Integer.toString(port), path, Integer.toString(count));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        String line = out.readLine();
        IdleViewerClients clients = new IdleViewerClients(process, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        if (!("connected " + count).equals(line)) {
            clients.close();
            throw new IOException("the viewer process did not connect its " + count + " viewers: " + line);
        }
        return clients;
    }

    /** From starting the process to the last viewer's response headers. */
    long connectMillis() {
        return connectMillis;
    }

    /** Closes every connection by ending the process. */
    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        process.getInputStream().close();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Where this class was loaded from (the jar or the classes folder): all the client process needs. */
    private static String ownClassPath() {
        try {
            return Path.of(IdleViewerClients.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client process: {@code HOST PORT PATH COUNT}. */
    public static void main(String[] args) throws IOException {
        InetSocketAddress address = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        byte[] request = ("GET " + args[2] + " HTTP/1.1\r\nHost: " + args[0] + "\r\nUser-Agent: camrelay-idle-viewer"
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
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
                    String status = readHeaders(sockets.get(i).getInputStream());
                    if (!status.startsWith("HTTP/1.1 200")) {
                        throw new IOException("viewer " + i + " got " + status);
                    }
                }
            }
            System.out.println("connected " + count);
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the connections until the parent closes our input
            }
        } catch (IOException e) {
            System.out.println("failed after " + sockets.size() + " connections: " + e);
            System.out.flush();
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    /** Reads the response headers (an idle stream sends nothing after them); returns the status line. */
    private static String readHeaders(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        byte[] buffer = new byte[1024];
        while (head.indexOf("\r\n\r\n") < 0) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("connection closed in the response headers: " + head);
            }
            head.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        }
        return head.substring(0, head.indexOf("\r\n"));
    }
}
