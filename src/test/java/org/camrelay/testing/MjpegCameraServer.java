package org.camrelay.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A generic MJPEG camera for tests, a real HTTP server on a loopback port: at one path and exact query it streams
 * {@code multipart/x-mixed-replace} JPEG parts, each picture different, until the client goes; anything else gets 404.
 * Records the request targets it was asked for and the pictures it sent.
 */
public final class MjpegCameraServer implements AutoCloseable {

    private static final String BOUNDARY = "myboundary";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "mjpeg-camera");
        thread.setDaemon(true);
        return thread;
    });
    private final String path;
    private final String query;
    private final long periodMillis;
    private final AtomicInteger picture = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<byte[]> sent = new CopyOnWriteArrayList<>();

    /**
     * @param path  the stream's path, e.g. {@code /video.cgi}
     * @param query the exact query it is served with, e.g. {@code resolution=640x480&fps=6}
     * @param fps   pictures per second
     */
    public MjpegCameraServer(String path, String query, int fps) throws IOException {
        this.path = path;
        this.query = query;
        this.periodMillis = 1000 / fps;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The request targets (path and query) asked for, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Whether these bytes are a picture this camera sent. */
    public boolean sent(byte[] jpeg) {
        return sent.stream().anyMatch(picture -> java.util.Arrays.equals(picture, jpeg));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        requests.add(target);
        if (!target.equals(path + "?" + query)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "multipart/x-mixed-replace; boundary=" + BOUNDARY);
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            while (!Thread.currentThread().isInterrupted()) {
                byte[] jpeg = picture(picture.incrementAndGet());
                sent.add(jpeg);
                out.write(("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
                           + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(jpeg);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                TimeUnit.MILLISECONDS.sleep(periodMillis);
            }
        } catch (IOException | InterruptedException e) {
            // the client went, or the server stops
        }
    }

    private static byte[] picture(int number) {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(number * 37 % 256, number * 91 % 256, number * 13 % 256));
        graphics.fillRect(0, 0, 64, 48);
        graphics.setColor(Color.WHITE);
        graphics.drawString(Integer.toString(number), 4, 30);
        graphics.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", jpeg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jpeg.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
