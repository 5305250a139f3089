package org.camrelay.component.framerate;

/**
 * Passes at most {@code fps} frames per second, evenly spaced, by dropping the others. It never queues or delays a
 * frame, and it looks only at the timestamps it is given, so it is deterministic.
 * <p>
 * It keeps a schedule of deadlines one period apart. A frame passes if it comes no more than half a period before
 * the next deadline, and then books the one after. Lateness of up to 40 % of a period keeps the schedule (that is
 * jitter, and the next frame may come early to make up for it), so an input at or below the limit whose frames
 * wander by up to 40 % of a period loses none. A later frame (the camera is slower than the limit, or was away)
 * re-anchors the schedule as if it were 40 % late, so missed slots are never caught up with a burst.
 * <p>
 * The two allowances add up to 0.9 of a period, so in any window of {@code w} seconds at most
 * {@code floor(w * fps + 0.9) + 1} frames pass: fps + 1 in any second, for a whole fps. The price is that the frame
 * after the first one, or after a gap, may follow it within a tenth of a period.
 * <p>
 * Thread-safe.
 */
public final class FrameRateLimiter {

    private static final double EARLY_SHARE = 0.5;
    private static final double LATE_SHARE = 0.4;

    private final long period;
    private final long early;
    private final long late;
    private boolean started;
    private long deadline;
    // written under the lock, read without it
    private volatile long passed;
    private volatile long dropped;

    /** @param fps the most frames to pass per second; positive, fractions allowed */
    public FrameRateLimiter(double fps) {
        if (!(fps > 0 && Double.isFinite(fps))) {
            throw new IllegalArgumentException("fps must be positive: " + fps);
        }
        period = Math.max(1, Math.round(1e9 / fps));
        early = Math.round(period * EARLY_SHARE);
        late = Math.round(period * LATE_SHARE);
    }

    /**
     * Decides about one frame.
     *
     * @param timestampNanos when the frame arrived, on any monotonic clock (e.g. {@link System#nanoTime()})
     * @return true to forward the frame, false to drop it
     */
    public synchronized boolean accept(long timestampNanos) {
        // differences rather than comparisons, so that a clock like nanoTime may wrap around
        if (started && timestampNanos - deadline < -early) {
            dropped++;
            return false;
        }
        if (!started || timestampNanos - late - deadline > 0) {
            deadline = timestampNanos - late;
            started = true;
        }
        deadline += period;
        passed++;
        return true;
    }

    /** Frames passed so far. */
    public long passed() {
        return passed;
    }

    /** Frames dropped so far. */
    public long dropped() {
        return dropped;
    }
}
