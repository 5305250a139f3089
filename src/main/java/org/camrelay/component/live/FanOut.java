package org.camrelay.component.live;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Phaser;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands one packet to every viewer of a stream, spreading a large audience over the cores.
 *
 * <p>Handing a packet to a viewer usually writes it to the viewer's socket at once, and on loopback or a
 * fast network that write costs about as much as the kernel's TCP work, some microseconds. One thread
 * reaching 10,000 viewers in turn therefore makes the last viewer wait a tenth of a second for every
 * frame. Above {@link #SLICE} viewers the list is cut into contiguous slices, one per core: the publisher
 * takes the first and helper threads the others. The publisher waits until every slice is done, so the
 * next packet never overtakes this one for any viewer; the helpers never wait, so this cannot deadlock.
 *
 * <p>The helpers are shared by every stream in the JVM: the work is CPU-bound, and more threads than
 * cores would only take turns.
 */
final class FanOut {

    /** Below this many viewers per slice, waking a helper costs more than it saves. */
    static final int SLICE = 128;

    private static final int LANES = Runtime.getRuntime().availableProcessors();
    private static final ExecutorService HELPERS = LANES == 1 ? null : helpers(LANES - 1);

    private FanOut() {
    }

    /** Offers the packet to every viewer; returns when each has queued it or started writing it. */
    static void offer(Viewer[] viewers, MediaPacket packet, StreamSegment segment) {
        int slices = Math.min(LANES, viewers.length / SLICE);
        if (slices <= 1) {
            offer(viewers, 0, viewers.length, packet, segment);
            return;
        }
        Phaser done = new Phaser(1);
        for (int slice = 1; slice < slices; slice++) {
            int from = bound(viewers.length, slice, slices);
            int to = bound(viewers.length, slice + 1, slices);
            done.register();
            try {
                HELPERS.execute(() -> {
                    try {
                        offer(viewers, from, to, packet, segment);
                    } finally {
                        done.arriveAndDeregister();
                    }
                });
            } catch (RejectedExecutionException e) {
                done.arriveAndDeregister();
                offer(viewers, from, to, packet, segment);
            }
        }
        offer(viewers, 0, bound(viewers.length, 1, slices), packet, segment);
        done.arriveAndAwaitAdvance();
    }

    private static void offer(Viewer[] viewers, int from, int to, MediaPacket packet, StreamSegment segment) {
        for (int i = from; i < to; i++) {
            viewers[i].offer(packet, segment);
        }
    }

    private static int bound(int length, int slice, int slices) {
        return (int) ((long) length * slice / slices);
    }

    /**
     * The queue needs no bound of its own: each publisher waits for its slices, so it holds at most one task
     * per helper for every stream publishing at that moment.
     */
    private static ExecutorService helpers(int threads) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "camrelay-fanout-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
