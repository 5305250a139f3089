package org.camrelay.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;

/**
 * One selector thread serving its share of the viewers: it opens them on the ramp's schedule, then reads
 * them all through one buffer until the run stops.
 */
final class SelectorLoop implements Runnable {

    static final long RESPONSE_TIMEOUT_MICROS = 10_000_000;
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final long TIMEOUT_CHECK_NANOS = 1_000_000_000;

    private final LoadOptions options;
    private final byte[] request;
    private final MeasurementWindow window;
    private final long startNanos;
    private final LoadStats stats = new LoadStats();
    private final List<ViewerConnection> viewers = new ArrayList<>();
    /** The next viewer to open, numbered across all threads: this thread opens every threads-th. */
    private int next;

    SelectorLoop(LoadOptions options, int index, MeasurementWindow window, long startNanos) {
        this.options = options;
        this.request = options.request();
        this.window = window;
        this.startNanos = startNanos;
        this.next = index;
    }

    @Override
    public void run() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
        try (Selector selector = Selector.open()) {
            long lastTimeoutCheck = System.nanoTime();
            while (!window.stopped()) {
                long elapsed = openDue(selector);
                long untilNext = next < options.viewers() ? options.dueNanos(next) - elapsed : Long.MAX_VALUE;
                selector.select(Math.max(1, Math.min(100, untilNext / 1_000_000)));
                long now = MeasurementWindow.nowMicros();
                long passStart = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    ((ViewerConnection) key.attachment()).ready(key, buffer, now);
                }
                selector.selectedKeys().clear();
                if (window.contains(now)) {
                    // Bytes arriving while this thread works through a pass are stamped when the next select
                    // returns: the pass's length is how late a stamp can be, the generator's share of the lag.
                    stats.pass.record((System.nanoTime() - passStart) / 1000);
                }
                if (System.nanoTime() - lastTimeoutCheck > TIMEOUT_CHECK_NANOS) {
                    lastTimeoutCheck = System.nanoTime();
                    viewers.forEach(viewer -> viewer.checkTimeout(now, RESPONSE_TIMEOUT_MICROS));
                }
            }
        } catch (IOException e) {
            stats.fail("selector: " + e.getMessage());
        } finally {
            viewers.forEach(ViewerConnection::release);
        }
    }

    /** Opens the viewers that are due; returns the nanoseconds since the start. */
    private long openDue(Selector selector) {
        long elapsed = System.nanoTime() - startNanos;
        while (next < options.viewers() && options.dueNanos(next) <= elapsed) {
            open(selector);
            next += options.threads();
        }
        return elapsed;
    }

    private void open(Selector selector) {
        ViewerConnection viewer = ViewerConnection.open(selector, options.address(), request, options.flv(),
                options.epoch(), stats, window);
        if (viewer != null) {
            viewers.add(viewer);
        }
    }

    /** What this thread's viewers saw; read after the thread has ended. */
    LoadStats stats() {
        return stats;
    }

    List<ViewerConnection> viewers() {
        return viewers;
    }
}
