package org.camrelay.simulator;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The simulator's picture clock. Pictures show the camera head's view at the moment they are rendered. Time since {@link #restart()} is cut into ticks of 1/fps; the tick
 * index is the frame number. A picture is rendered lazily, at most once per tick and size, and shared
 * by every connection that asks during that tick, because rendering costs far more than sending.
 *
 * <p>Rendering happens on the asking I/O thread under this object's lock, which is fine at simulator
 * scale and keeps one JPEG writer per size busy at a time.
 */
final class FrameSource implements AutoCloseable {

    /** Each size in use holds an image buffer (up to 6 MB at 1920x1080); clients rarely use more than two. */
    private static final int MAX_SIZES = 4;

    private final long periodNanos;
    private final LongSupplier nanoClock;
    private final Supplier<HeadPosition> position;
    private final Map<FrameSize, CachedFrame> bySize = new LinkedHashMap<>(8, 0.75f, true);
    private volatile long epochNanos;

    FrameSource(int fps) {
        this(fps, System::nanoTime);
    }

    /** @param nanoClock {@link System#nanoTime()}, or a test's clock */
    FrameSource(int fps, LongSupplier nanoClock) {
        this(fps, nanoClock, () -> HeadPosition.HOME);
    }

    /**
     * @param nanoClock {@link System#nanoTime()}, or a test's clock
     * @param position  where the camera head points when a picture is rendered
     */
    FrameSource(int fps, LongSupplier nanoClock, Supplier<HeadPosition> position) {
        periodNanos = TimeUnit.SECONDS.toNanos(1) / fps;
        this.nanoClock = nanoClock;
        this.position = position;
        epochNanos = nanoClock.getAsLong();
    }

    /** Starts counting frames from 0 again and forgets every cached picture. */
    synchronized void restart() {
        epochNanos = nanoTime();
        close();
    }

    long periodNanos() {
        return periodNanos;
    }

    /** The clock ticks are counted on, in nanoseconds as {@link System#nanoTime()}. */
    long nanoTime() {
        return nanoClock.getAsLong();
    }

    long tickStart(long tick) {
        return epochNanos + tick * periodNanos;
    }

    long currentTick() {
        return Math.floorDiv(nanoTime() - epochNanos, periodNanos);
    }

    /** The picture of the current tick in the given size. */
    synchronized Frame current(FrameSize size) {
        CachedFrame cached = bySize.get(size);
        if (cached == null) {
            evictLeastRecentlyUsedIfFull();
            cached = new CachedFrame(new FrameRenderer(size));
            bySize.put(size, cached);
        }
        long tick = currentTick();
        if (cached.frame == null || cached.frame.number() != tick) {
            cached.frame = new Frame(tick, cached.renderer.render(tick, Instant.now(), position.get()));
        }
        return cached.frame;
    }

    @Override
    public synchronized void close() {
        bySize.values().forEach(cached -> cached.renderer.close());
        bySize.clear();
    }

    private void evictLeastRecentlyUsedIfFull() {
        if (bySize.size() >= MAX_SIZES) {
            Iterator<CachedFrame> eldest = bySize.values().iterator();
            eldest.next().renderer.close();
            eldest.remove();
        }
    }

    /** A rendered picture; {@code jpeg} is shared by all connections and must not be modified. */
    record Frame(long number, byte[] jpeg) {
    }

    private static final class CachedFrame {
        final FrameRenderer renderer;
        Frame frame;

        CachedFrame(FrameRenderer renderer) {
            this.renderer = renderer;
        }
    }
}
