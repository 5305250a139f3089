package org.camrelay.component.vbc10.control;

import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Time and timers for a {@link ControlArbiter}: its leases and idle timeouts run out on these timers, never by polling.
 * In the relay this is one of the vbc10 component's event loops ({@link #of(ScheduledExecutorService)}); tests use a
 * clock they advance by hand.
 */
public interface ControlClock {

    /** Milliseconds on a monotonic clock (not the time of day). */
    long millis();

    /**
     * Runs the task once after the delay.
     *
     * @return a handle to cancel it with
     */
    Future<?> schedule(Runnable task, long delayMillis);

    /** Runs the task soon, on the clock's thread, not on the caller's. */
    void execute(Runnable task);

    /** A clock on {@link System#nanoTime()} whose timers run on the executor (e.g. a Netty event loop). */
    static ControlClock of(ScheduledExecutorService executor) {
        return new ControlClock() {
            @Override
            public long millis() {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
            }

            @Override
            public Future<?> schedule(Runnable task, long delayMillis) {
                return executor.schedule(task, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
            }

            @Override
            public void execute(Runnable task) {
                executor.execute(task);
            }
        };
    }
}
