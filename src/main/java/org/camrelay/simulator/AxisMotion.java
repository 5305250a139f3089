package org.camrelay.simulator;

/**
 * One axis of the camera head moving at a constant speed towards a target, computed from the clock when asked
 * rather than advanced by a ticking thread. Not thread-safe: {@link CameraHead} guards it.
 */
final class AxisMotion {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private int from;
    private long startNanos;
    private int target;
    /** Hundredths of a degree per second; positive while moving. */
    private int speed = 1;

    AxisMotion(int position, long now) {
        from = position;
        target = position;
        startNanos = now;
    }

    /** The position at {@code now}, in hundredths of a degree. */
    int at(long now) {
        if (from == target) {
            return target;
        }
        long travelled = (long) speed * Math.max(0, now - startNanos) / NANOS_PER_SECOND;
        int distance = Math.abs(target - from);
        if (travelled >= distance) {
            return target;
        }
        return target > from ? from + (int) travelled : from - (int) travelled;
    }

    /** When the axis reaches its target, on the clock of {@code now}; in the past if it is at rest. */
    long arrival() {
        return startNanos + ceilDiv((long) Math.abs(target - from) * NANOS_PER_SECOND, speed);
    }

    boolean movingAt(long now) {
        return at(now) != target;
    }

    /** Starts moving from wherever the axis is now towards {@code newTarget}. */
    void moveTo(long now, int newTarget, int hundredthsPerSecond) {
        from = at(now);
        startNanos = now;
        target = newTarget;
        speed = Math.max(1, hundredthsPerSecond);
    }

    /** Stops where the axis is now. */
    void stop(long now) {
        from = at(now);
        target = from;
        startNanos = now;
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
