package org.camrelay.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One FLV viewer per camera, all on one selector thread: the load generator's {@link ViewerConnection}s, each
 * on its own camera's stream, opened at once and read until the window stops.
 */
final class CameraViewers implements Runnable {

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final long TIMEOUT_CHECK_NANOS = 1_000_000_000;

    private final InetSocketAddress relay;
    private final List<String> paths;
    private final MeasurementWindow window;
    private final LoadStats stats = new LoadStats();
    /** By the path each one watches; filled and read on the selector thread until it ends. */
    private final Map<String, ViewerConnection> viewers = new LinkedHashMap<>();

    /** @param paths the URL path of each camera's stream, e.g. {@code /cams/cam0001/stream.flv} */
    CameraViewers(InetSocketAddress relay, List<String> paths, MeasurementWindow window) {
        this.relay = relay;
        this.paths = paths;
        this.window = window;
    }

    @Override
    public void run() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
        try (Selector selector = Selector.open()) {
            for (String path : paths) {
                open(selector, path);
            }
            long lastTimeoutCheck = System.nanoTime();
            while (!window.stopped()) {
                selector.select(100);
                long now = MeasurementWindow.nowMicros();
                for (SelectionKey key : selector.selectedKeys()) {
                    ((ViewerConnection) key.attachment()).ready(key, buffer, now);
                }
                selector.selectedKeys().clear();
                if (System.nanoTime() - lastTimeoutCheck > TIMEOUT_CHECK_NANOS) {
                    lastTimeoutCheck = System.nanoTime();
                    viewers.values().forEach(viewer -> viewer.checkTimeout(now, SelectorLoop.RESPONSE_TIMEOUT_MICROS));
                }
            }
        } catch (IOException e) {
            stats.fail("selector: " + e.getMessage());
        } finally {
            viewers.values().forEach(ViewerConnection::release);
        }
    }

    private void open(Selector selector, String path) {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + relay.getPort()
                + "\r\nUser-Agent: camrelay-bench-cameras\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        ViewerConnection viewer = ViewerConnection.open(selector, relay, request, true, LoadOptions.NO_EPOCH, stats,
                window);
        if (viewer != null) {
            viewers.put(path, viewer);
        }
    }

    /** What the viewers saw; read after the thread has ended. */
    LoadStats stats() {
        return stats;
    }

    /** Frames a camera's viewer got in the window, 0 unless it streamed through all of it; after the thread ended. */
    int frames(String path) {
        ViewerConnection viewer = viewers.get(path);
        return viewer != null && viewer.streamedWholeWindow() ? viewer.frames() : 0;
    }
}
