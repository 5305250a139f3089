package org.camrelay.bench;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The run's shared timeline: the window in which frames are counted (set by the main thread once every
 * viewer has settled), how many have settled, and the stop signal for the selector threads.
 */
final class MeasurementWindow {

    private final AtomicInteger settled = new AtomicInteger();
    private volatile long startMicros = Long.MAX_VALUE;
    private volatile long endMicros = Long.MAX_VALUE;
    private volatile boolean stopped;

    /** Wall-clock epoch microseconds, the relay's clock too (it stamps epoch milliseconds). */
    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    void open(long start, long end) {
        startMicros = start;
        endMicros = end;
    }

    boolean contains(long micros) {
        return micros >= startMicros && micros < endMicros;
    }

    long startMicros() {
        return startMicros;
    }

    /** A viewer has its answer: streaming, refused or failed. */
    void settle() {
        settled.incrementAndGet();
    }

    int settled() {
        return settled.get();
    }

    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }
}
