package org.camrelay.app.operations.monitor;

import java.util.ArrayDeque;

/**
 * Events per second of a growing counter over a sliding window, from samples taken by one thread: smooth
 * enough to read at a glance, recent enough to show a camera that has just stopped.
 */
final class RateMeter {

    private record Sample(long nanos, long count) {
    }

    private final long windowNanos;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    RateMeter(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    /** Records the counter's value now and returns the rate over the window (0 until two samples exist). */
    double sample(long count, long nanos) {
        samples.addLast(new Sample(nanos, count));
        while (samples.size() > 2 && nanos - samples.peekFirst().nanos() > windowNanos) {
            samples.removeFirst();
        }
        Sample first = samples.peekFirst();
        long elapsed = nanos - first.nanos();
        // A counter that went down belongs to a restarted part: no meaningful rate until the window refills.
        return elapsed <= 0 || count < first.count() ? 0 : (count - first.count()) * 1e9 / elapsed;
    }
}
