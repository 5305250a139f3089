package org.camrelay.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One selector thread serving its share of the viewers: it opens each on its plan's schedule, then reads them all
 * through one buffer until the run stops.
 */
final class SelectorLoop implements Runnable {

    static final long RESPONSE_TIMEOUT_MICROS = 10_000_000;
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final long TIMEOUT_CHECK_NANOS = 1_000_000_000;

    /**
     * One viewer to open.
     *
     * @param request  what it sends, shared by viewers of the same stream
     * @param dueNanos when it opens, in nanoseconds after the run's start
     */
    record Planned(byte[] request, long dueNanos) {
    }

    private final InetSocketAddress address;
    private final boolean flv;
    private final long givenEpoch;
    private final List<Planned> plan;
    private final MeasurementWindow window;
    private final long startNanos;
    private final LoadStats stats = new LoadStats();
    /** By their place in the plan; null until opened, or where opening failed. */
    private final ViewerConnection[] viewers;
    private int next;

    /**
     * @param flv        whether the viewers' streams are FLV, else MJPEG
     * @param givenEpoch the FLV epoch that dates the tags, or {@link LoadOptions#NO_EPOCH} for each response's own
     * @param plan       the viewers, in the order they are due
     */
    SelectorLoop(InetSocketAddress address, boolean flv, long givenEpoch, List<Planned> plan, MeasurementWindow window,
            long startNanos) {
        this.address = address;
        this.flv = flv;
        this.givenEpoch = givenEpoch;
        this.plan = plan;
        this.window = window;
        this.startNanos = startNanos;
        this.viewers = new ViewerConnection[plan.size()];
    }

    @Override
    public void run() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
        try (Selector selector = Selector.open()) {
            long lastTimeoutCheck = System.nanoTime();
            while (!window.stopped()) {
                long elapsed = openDue(selector);
                long untilNext = next < plan.size() ? plan.get(next).dueNanos() - elapsed : Long.MAX_VALUE;
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
                    viewers().forEach(viewer -> viewer.checkTimeout(now, RESPONSE_TIMEOUT_MICROS));
                }
            }
        } catch (IOException e) {
            stats.fail("selector: " + e.getMessage());
        } finally {
            viewers().forEach(ViewerConnection::release);
        }
    }

    /** Opens the viewers that are due; returns the nanoseconds since the start. */
    private long openDue(Selector selector) {
        long elapsed = System.nanoTime() - startNanos;
        while (next < plan.size() && plan.get(next).dueNanos() <= elapsed) {
            viewers[next] = ViewerConnection.open(selector, address, plan.get(next).request(), flv, givenEpoch, stats,
                    window);
            next++;
        }
        return elapsed;
    }

    /** What this thread's viewers saw; read after the thread has ended. */
    LoadStats stats() {
        return stats;
    }

    /** The viewers opened; read after the thread has ended. */
    Stream<ViewerConnection> viewers() {
        return Arrays.stream(viewers).filter(Objects::nonNull);
    }

    /** Frames the plan's {@code index}th viewer got in the window, 0 unless it streamed through all of it. */
    int frames(int index) {
        ViewerConnection viewer = viewers[index];
        return viewer != null && viewer.streamedWholeWindow() ? viewer.frames() : 0;
    }
}
