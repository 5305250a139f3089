package org.camrelay.simulator;

import java.util.function.BooleanSupplier;

/** Waits for a condition that another thread makes true, such as a counter after a socket closes. */
final class Await {

    private Await() {
    }

    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10); // polling: these conditions have no event to wait on
        }
    }
}
