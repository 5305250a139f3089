package org.camrelay.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.camrelay.simulator.SentFrame;
import org.camrelay.simulator.SentFrameListener;

/**
 * Counts the frames a simulator sends on each connection within a window, on the simulator's side, where
 * each is counted the moment it is written: what the relay pulled from each camera, exactly.
 */
final class SentFrameCounter implements SentFrameListener {

    private final Map<Long, AtomicInteger> byConnection = new ConcurrentHashMap<>();
    private volatile long startNanos = Long.MAX_VALUE;
    private volatile long endNanos = Long.MAX_VALUE;

    /** Forgets the counts and counts from {@code start} (inclusive) to {@code end}, on {@link System#nanoTime()}. */
    void open(long start, long end) {
        startNanos = Long.MAX_VALUE;
        byConnection.clear();
        endNanos = end;
        startNanos = start;
    }

    @Override
    public void onFrameSent(SentFrame frame) {
        long now = System.nanoTime();
        if (now - startNanos >= 0 && now - endNanos < 0) {
            byConnection.computeIfAbsent(frame.connectionId(), id -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** Frames sent in the window, by connection; read once the window has passed. */
    Map<Long, Integer> counts() {
        Map<Long, Integer> counts = new TreeMap<>();
        byConnection.forEach((connection, count) -> counts.put(connection, count.get()));
        return counts;
    }
}
