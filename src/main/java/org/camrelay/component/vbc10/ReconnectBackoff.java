package org.camrelay.component.vbc10;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the delay doubles from the initial one up to the maximum, and each is spread by
 * &plusmn;jitter (a fraction) so that cameras that went down together do not reconnect in step. Not thread-safe.
 */
public final class ReconnectBackoff {

    private final long initialDelay;
    private final long maxDelay;
    private final double jitter;
    private final DoubleSupplier random;
    private long nextDelay;

    public ReconnectBackoff(long initialDelay, long maxDelay, double jitter) {
        this(initialDelay, maxDelay, jitter, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random uniform values in [0, 1) */
    ReconnectBackoff(long initialDelay, long maxDelay, double jitter, DoubleSupplier random) {
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.jitter = jitter;
        this.random = random;
        this.nextDelay = initialDelay;
    }

    /** The delay before the next attempt, in milliseconds; each call doubles the one after. */
    public long nextDelay() {
        long base = nextDelay;
        nextDelay = base > maxDelay / 2 ? maxDelay : base * 2;
        double spread = 1 + jitter * (2 * random.getAsDouble() - 1);
        return Math.min(maxDelay, Math.round(base * spread));
    }

    /** Back to the initial delay, once the camera works again. */
    public void reset() {
        nextDelay = initialDelay;
    }
}
