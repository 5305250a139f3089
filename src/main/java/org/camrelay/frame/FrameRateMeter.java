package org.camrelay.frame;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Frames (or any events) per second of a growing counter over the last few seconds, from samples taken when the rate
 * is read: nothing is done per frame. Every stage that reports a frame rate measures it so. A reader that comes every second or so (the relay's monitor, a JMX console) sees the rate over
 * the last {@value #WINDOW_SECONDS} s; one that comes rarely sees the mean since its previous reading. Thread-safe.
 */
public final class FrameRateMeter {

    private static final long WINDOW_SECONDS = 5;
    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(WINDOW_SECONDS);
    /** Readings closer together than this share one sample, so that eager readers cannot grow the deque. */
    private static final long SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private record Sample(long nanos, long count) {
    }

    // guarded by this; at most WINDOW_NANOS / SPACING_NANOS + 2 samples
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    /** Starts counting from {@code count} at {@code nanos}, so that the first reading has something to go by. */
    public FrameRateMeter(long count, long nanos) {
        samples.add(new Sample(nanos, count));
    }

    /** The rate at {@code nanos} of a counter that reads {@code count} then. */
    public synchronized double perSecond(long count, long nanos) {
        if (count < samples.peekLast().count()) {
            samples.clear(); // a counter that went down was restarted: start again from here
        }
        if (samples.isEmpty() || nanos - samples.peekLast().nanos() >= SPACING_NANOS) {
            samples.addLast(new Sample(nanos, count));
        }
        while (samples.size() > 2 && nanos - samples.peekFirst().nanos() > WINDOW_NANOS) {
            samples.removeFirst();
        }
        Sample first = samples.peekFirst();
        long elapsed = nanos - first.nanos();
        return elapsed <= 0 ? 0 : (count - first.count()) * 1e9 / elapsed;
    }
}
