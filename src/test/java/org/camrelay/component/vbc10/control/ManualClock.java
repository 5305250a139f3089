package org.camrelay.component.vbc10.control;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/** A {@link ControlClock} whose time moves only when a test advances it; timers run then, on the test's thread. */
public final class ManualClock implements ControlClock {

    private record Task(long due, long order, Runnable action, CompletableFuture<Void> handle) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>(
            Comparator.comparingLong(Task::due).thenComparingLong(Task::order));
    private long now = 1_000_000;
    private long order;

    @Override
    public synchronized long millis() {
        return now;
    }

    @Override
    public synchronized Future<?> schedule(Runnable task, long delayMillis) {
        CompletableFuture<Void> handle = new CompletableFuture<>();
        tasks.add(new Task(now + Math.max(0, delayMillis), order++, task, handle));
        return handle;
    }

    @Override
    public void execute(Runnable task) {
        schedule(task, 0);
    }

    /**
     * Moves time on, running every task that falls due on the way, at its time.
     *
     * @throws AssertionError when tasks keep scheduling each other without end (a timer that re-arms for a moment
     *                        already past), rather than hanging the test
     */
    public void advance(long millis) {
        long target;
        synchronized (this) {
            target = now + millis;
        }
        for (int run = 0; ; run++) {
            if (run > 100_000) {
                throw new AssertionError("timers keep firing at " + now + " ms without end");
            }
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due() > target) {
                    now = target;
                    return;
                }
                tasks.poll();
                now = next.due();
            }
            if (!next.handle().isCancelled()) {
                next.action().run();
                next.handle().complete(null);
            }
        }
    }

    /** Runs the tasks due now, such as the arbiter's handling of the camera's answers. */
    public void runDue() {
        advance(0);
    }

    /** Timers waiting to run, not cancelled. */
    public synchronized long pending() {
        return tasks.stream().filter(t -> !t.handle().isCancelled()).count();
    }
}
