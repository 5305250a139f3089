package org.camrelay.simulator;

import org.camrelay.simulator.SentFrame.Kind;

/**
 * Misbehaviour switched on and off while a {@link CameraSimulator} runs, on both transports.
 * Thread-safe; setters return {@code this} so faults can be chained.
 */
public final class SimulatorFaults {

    /** Keeps a test typo from allocating gigabytes per frame. */
    private static final int MAX_OVERSIZE_BYTES = 64 << 20;

    private volatile int dropAfterFrames;
    private volatile boolean stalled;
    private volatile int garbageBytes;
    // the counted faults are consumed by whichever connection sends next, hence one lock for all three
    private int truncateRemaining;
    private int oversizeRemaining;
    private int oversizeMinBytes;

    SimulatorFaults() {
    }

    /** The simulator closes each connection once it has sent it {@code frames} frames; 0 switches this off. */
    public SimulatorFaults dropConnectionAfterFrames(int frames) {
        dropAfterFrames = requireNotNegative(frames, "frames");
        return this;
    }

    /** Stops sending frames but keeps connections open; requests arriving meanwhile are read and ignored. */
    public SimulatorFaults stall(boolean stall) {
        stalled = stall;
        return this;
    }

    /**
     * Writes this many random bytes before each frame of a stream, none of them 0xFF so that they cannot
     * look like a JPEG marker; 0 switches this off. On HTTP the noise sits between multipart parts, and a
     * single GetLiveImage response, having no gap between pictures, gets none. In the native videogram
     * dialect it is the payload of videograms of an unknown type, at most 1000 bytes each, before the
     * frame's videogram.
     */
    public SimulatorFaults garbageBetweenFrames(int bytes) {
        garbageBytes = requireNotNegative(bytes, "bytes");
        return this;
    }

    /**
     * Cuts the next {@code count} frames roughly in half, without their end-of-image marker; in the native
     * videogram dialect the cut picture travels in a correctly framed videogram.
     */
    public synchronized SimulatorFaults truncateNextFrames(int count) {
        truncateRemaining = requireNotNegative(count, "count");
        return this;
    }

    /**
     * Pads the next {@code count} frames with application segments to at least {@code minBytes}; they stay
     * valid JPEGs. Pending truncations go first.
     */
    public synchronized SimulatorFaults oversizeNextFrames(int count, int minBytes) {
        if (minBytes < 0 || minBytes > MAX_OVERSIZE_BYTES) {
            throw new IllegalArgumentException("minBytes must be between 0 and " + MAX_OVERSIZE_BYTES + ", not " + minBytes);
        }
        oversizeRemaining = requireNotNegative(count, "count");
        oversizeMinBytes = minBytes;
        return this;
    }

    /** Switches every fault off. */
    public synchronized SimulatorFaults reset() {
        dropAfterFrames = 0;
        stalled = false;
        garbageBytes = 0;
        truncateRemaining = 0;
        oversizeRemaining = 0;
        return this;
    }

    int dropAfterFrames() {
        return dropAfterFrames;
    }

    boolean stalled() {
        return stalled;
    }

    int garbageBytes() {
        return garbageBytes;
    }

    /** Takes the next pending truncation or oversizing, if any, and applies it to a good picture. */
    Mangled mangle(byte[] jpeg) {
        int minBytes;
        synchronized (this) {
            if (truncateRemaining > 0) {
                truncateRemaining--;
                return new Mangled(Kind.TRUNCATED, JpegFaults.truncate(jpeg));
            }
            if (oversizeRemaining == 0) {
                return new Mangled(Kind.GOOD, jpeg);
            }
            oversizeRemaining--;
            minBytes = oversizeMinBytes;
        }
        return new Mangled(Kind.OVERSIZED, JpegFaults.pad(jpeg, minBytes));
    }

    /** The bytes to send for one frame, and why they differ from the rendered picture. */
    record Mangled(Kind kind, byte[] jpeg) {
    }

    private static int requireNotNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }
}
