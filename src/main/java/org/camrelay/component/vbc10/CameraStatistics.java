package org.camrelay.component.vbc10;

import java.util.concurrent.atomic.AtomicLong;

import org.camrelay.frame.FrameRateMeter;

/**
 * Counters of one camera endpoint; thread-safe, cheap to update and to read. They are the endpoint's managed
 * attributes ({@link Vbc10Endpoint}); totals count since the endpoint was made.
 */
public final class CameraStatistics {

    /** When the consumer started, in milliseconds since the epoch; 0 while it is not running. */
    private volatile long startedAt;
    private volatile boolean connected;
    private volatile long lastFrameAt;
    private final AtomicLong framesReceived = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong bytesSkipped = new AtomicLong();
    private final AtomicLong framesCorrupt = new AtomicLong();
    private final AtomicLong framesOversize = new AtomicLong();
    private final AtomicLong framesDropped = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong streamRenewals = new AtomicLong();
    private volatile String problem;
    private final FrameRateMeter framesRate = new FrameRateMeter(0, System.nanoTime());

    /** Whether a connection is open and has delivered frames. */
    public boolean isConnected() {
        return connected;
    }

    /** Frames delivered to the route. */
    public long getFramesReceived() {
        return framesReceived.get();
    }

    /** Frames received per second over the last few seconds ({@link FrameRateMeter}). */
    public double getFramesPerSecond() {
        return framesRate.perSecond(framesReceived.get(), System.nanoTime());
    }

    /** Whether the camera's consumer is running. */
    public boolean isRunning() {
        return startedAt != 0;
    }

    /** When the camera's consumer started, in milliseconds since the epoch; 0 while it is not running. */
    public long getStartedAt() {
        return startedAt;
    }

    /** Bytes read from the network, protocol overhead included. */
    public long getBytesReceived() {
        return bytesReceived.get();
    }

    /** Bytes that belonged to no frame: garbage between frames, parts that are not JPEG. */
    public long getBytesSkipped() {
        return bytesSkipped.get();
    }

    /** Frames dropped because they were truncated or malformed. */
    public long getFramesCorrupt() {
        return framesCorrupt.get();
    }

    /** Frames dropped because they exceeded maxFrameSize. */
    public long getFramesOversize() {
        return framesOversize.get();
    }

    /** Whole frames not routed because the route was still busy with earlier ones. */
    public long getFramesDropped() {
        return framesDropped.get();
    }

    /** Connection attempts after the first one, stream renewals left out. */
    public long getReconnects() {
        return reconnects.get();
    }

    /**
     * Streams (or GetLiveImage sessions) that the camera ended after delivering frames, as it does at its maximum
     * connection time, and that were renewed at once: routine, not counted as reconnects.
     */
    public long getStreamRenewals() {
        return streamRenewals.get();
    }

    /**
     * Why the camera is not streaming, as logged, e.g. "camera refused GetOneShot: 503 Too many clients"; null while
     * frames flow and before the first failure. Never holds credentials.
     */
    public String getProblem() {
        return problem;
    }

    /** When the last frame was received, in milliseconds since the epoch; 0 if none was. */
    public long getLastFrameAt() {
        return lastFrameAt;
    }

    /** The consumer has started: no problem is known of this run yet. */
    void consumerStarted(long epochMillis) {
        problem = null;
        startedAt = Math.max(1, epochMillis);
    }

    void consumerStopped() {
        startedAt = 0;
        connected = false;
    }

    void setConnected(boolean connected) {
        this.connected = connected;
    }

    void frameDropped() {
        framesDropped.incrementAndGet();
    }

    void frameReceived(long epochMillis) {
        framesReceived.incrementAndGet();
        lastFrameAt = epochMillis;
    }

    void bytesReceived(int count) {
        bytesReceived.addAndGet(count);
    }

    void bytesSkipped(int count) {
        bytesSkipped.addAndGet(count);
    }

    void frameCorrupt() {
        framesCorrupt.incrementAndGet();
    }

    void frameOversize() {
        framesOversize.incrementAndGet();
    }

    void reconnectAttempted() {
        reconnects.incrementAndGet();
    }

    void streamRenewed() {
        streamRenewals.incrementAndGet();
    }

    void setProblem(String problem) {
        this.problem = problem;
    }

    @Override
    public String toString() {
        return "CameraStatistics[connected=" + connected + ", framesReceived=" + getFramesReceived()
               + ", bytesReceived=" + getBytesReceived() + ", bytesSkipped=" + getBytesSkipped()
               + ", framesCorrupt=" + getFramesCorrupt() + ", framesOversize=" + getFramesOversize()
               + ", framesDropped=" + getFramesDropped()
               + ", reconnects=" + getReconnects() + ", streamRenewals=" + getStreamRenewals()
               + ", lastFrameAt=" + lastFrameAt + (problem == null ? "" : ", problem=" + problem) + "]";
    }
}
