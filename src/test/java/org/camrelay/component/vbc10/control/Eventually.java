package org.camrelay.component.vbc10.control;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition that the client's or the simulator's threads make true. */
final class Eventually {

    private static final long DEADLINE_NANOS = 10_000_000_000L;

    private Eventually() {
    }

    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        until(() -> what, condition);
    }

    /** @param what says what was waited for, and may show the state at the time of failure */
    static void until(Supplier<String> what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what.get());
            }
            Thread.sleep(10); // polling: these conditions have no event to wait on
        }
    }
}
