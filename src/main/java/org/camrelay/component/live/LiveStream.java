package org.camrelay.component.live;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A live stream of one camera (say {@code demo/stream}) with its viewers: the stream is written once by
 * its publisher and read by any number of {@link Viewer}s, each with its own bounded queue.
 *
 * <p>A joining viewer gets the {@linkplain #setPreamble preamble} (codec headers, for coded video) and
 * the packets since the last keyframe, so it starts at once instead of waiting for the next keyframe.
 * For MJPEG that is just the latest frame.
 *
 * <p>There is a single publisher per stream (the camera's route); viewers attach and leave from HTTP
 * threads. The lock only covers the keyframe cache and the viewer list, never a write to a client.
 */
public final class LiveStream {

    private final String camera;
    private final String name;
    private final LiveFormat format;
    private final String path;
    private final StreamLimits limits;
    private final BitrateMeter bitrate = new BitrateMeter();

    /** Replaced, never mutated, so a publish iterates a stable array without holding the lock. */
    private Viewer[] viewers = new Viewer[0];
    private final List<MediaPacket> gop = new ArrayList<>();
    private MediaPacket preamble;
    private volatile byte[] latestImage;
    private volatile long latestImageAtMillis;
    private volatile long epochMillis;

    private final LongAdder packetsIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder packetsDiscarded = new LongAdder();
    private final LongAdder viewersRejected = new LongAdder();
    private final LongAdder viewersStalled = new LongAdder();
    private final AtomicLong viewersServed = new AtomicLong();

    LiveStream(String camera, String name, LiveFormat format, StreamLimits limits) {
        this.camera = camera;
        this.name = name;
        this.format = format;
        this.path = camera + "/" + name + "." + format.extension();
        this.limits = limits;
    }

    /**
     * Bytes every viewer gets first, before any packet; for coded video, the container and codec headers.
     * Viewers already watching keep the one they got.
     */
    public synchronized void setPreamble(ByteBuffer bytes) {
        preamble = bytes == null ? null : new MediaPacket(bytes, false);
    }


    /** Publishes one packet to every viewer. Must be called by one thread at a time (the stream's route). */
    public void publish(MediaPacket packet) {
        packetsIn.increment();
        bitrate.record(packet.size(), System.nanoTime());
        Viewer[] targets;
        MediaPacket header;
        synchronized (this) {
            // Taken with the cache update: a viewer attached after this got the packet from the cache.
            targets = viewers;
            header = preamble;
            if (packet.keyframe()) {
                gop.clear();
            }
            // Without a keyframe to start from there is nothing a joining viewer could decode.
            if (!gop.isEmpty() || packet.keyframe()) {
                if (gop.size() < limits.maxGopPackets()) {
                    gop.add(packet);
                } else {
                    gop.clear();
                }
            }
        }
        FanOut.offer(targets, packet, header);
    }

    /** Publishes a JPEG frame: remembered for snapshots and sent to viewers as one multipart part. */
    public void publishImage(byte[] jpeg, long sequence, long receivedAtMillis) {
        latestImage = jpeg;
        latestImageAtMillis = receivedAtMillis;
        publish(format.packet(jpeg, sequence, receivedAtMillis));
    }

    /** When FLV timestamp 0 was, in epoch milliseconds; 0 until known. */
    public long epochMillis() {
        return epochMillis;
    }

    public void setEpochMillis(long epochMillis) {
        this.epochMillis = epochMillis;
    }

    /**
     * Attaches a viewer, or returns null when the stream is full. The viewer's first write (preamble and
     * keyframe cache) starts before this returns.
     */
    public Viewer attach(Viewer.Sink sink, String remote) {
        ByteBuffer first = null;
        Viewer viewer;
        synchronized (this) {
            if (refusal() != null) {
                return null;
            }
            // What a viewer gets on joining does not count against how far it may fall behind later.
            int burst = gop.size() + (preamble == null ? 0 : 1);
            viewer = new Viewer(this, sink, limits.viewerQueueSize() + burst, remote);
            // Queued under the lock so that no packet published meanwhile can overtake the cache.
            first = viewer.start(preamble, format.hasPreamble(), gop);
            viewers = Arrays.copyOf(viewers, viewers.length + 1);
            viewers[viewers.length - 1] = viewer;
        }
        viewersServed.incrementAndGet();
        if (first != null) {
            sink.write(first, viewer);
        }
        return viewer;
    }

    synchronized void detach(Viewer viewer) {
        for (int i = 0; i < viewers.length; i++) {
            if (viewers[i] == viewer) {
                Viewer[] rest = new Viewer[viewers.length - 1];
                System.arraycopy(viewers, 0, rest, 0, i);
                System.arraycopy(viewers, i + 1, rest, i, rest.length - i);
                viewers = rest;
                return;
            }
        }
    }

    private synchronized Viewer[] viewers() {
        return viewers;
    }

    /** Disconnects viewers whose write has not completed within the timeout. */
    void closeStalledViewers(long nowNanos, long timeoutMillis) {
        long timeoutNanos = timeoutMillis * 1_000_000L;
        for (Viewer viewer : viewers()) {
            if (viewer.stalled(nowNanos, timeoutNanos)) {
                viewersStalled.increment();
                viewer.closeStalled(timeoutMillis);
            }
        }
    }

    /** Ends every viewer's response, for when the stream goes away. */
    void closeAll() {
        for (Viewer viewer : viewers()) {
            viewer.close(null);
        }
    }

    /** Why one more viewer would be refused, or null when there is room. */
    public synchronized String refusal() {
        if (limits.maxViewers() > 0 && viewers.length >= limits.maxViewers()) {
            return limits.maxViewers() + " viewers are watching";
        }
        long perViewer = bitrate.bitsPerSecond(System.nanoTime());
        if (limits.maxViewerBitrate() > 0 && (viewers.length + 1) * perViewer > limits.maxViewerBitrate()) {
            return "one more viewer at " + perViewer / 1000 + " kb/s would exceed its " + limits.maxViewerBitrate() / 1000
                    + " kb/s limit";
        }
        return null;
    }

    /** Bits per second published into the stream over the last few seconds. */
    public long bitrate() {
        return bitrate.bitsPerSecond(System.nanoTime());
    }

    void countRejected() {
        viewersRejected.increment();
    }

    void countSent(int bytes) {
        bytesOut.add(bytes);
    }

    void countDiscarded(int packets) {
        packetsDiscarded.add(packets);
    }

    public String camera() {
        return camera;
    }

    public String name() {
        return name;
    }

    public LiveFormat format() {
        return format;
    }

    /** The path below {@code /cams/} where viewers find this stream, e.g. {@code demo/stream.mjpeg}. */
    public String path() {
        return path;
    }

    public byte[] latestImage() {
        return latestImage;
    }

    public long latestImageAtMillis() {
        return latestImageAtMillis;
    }

    public int viewerCount() {
        return viewers().length;
    }

    public long viewersServed() {
        return viewersServed.get();
    }

    public long viewersRejected() {
        return viewersRejected.sum();
    }

    public long viewersStalled() {
        return viewersStalled.sum();
    }

    public long packetsIn() {
        return packetsIn.sum();
    }

    public long bytesOut() {
        return bytesOut.sum();
    }

    /** Packets not sent to a viewer because it had fallen behind. */
    public long packetsDiscarded() {
        return packetsDiscarded.sum();
    }
}
