package org.camrelay.component.live;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live stream of one camera (say {@code demo/stream}) with its viewers: the stream is written by one
 * producer at a time and read by any number of {@link Viewer}s, each with its own bounded queue.
 *
 * <p>A joining viewer gets the preamble (codec headers, for coded video) and the packets since the last
 * keyframe, so it starts at once instead of waiting for the next keyframe. For MJPEG that is just the latest
 * frame.
 *
 * <p>The stream outlives the producer that feeds it: when its route is edited or restarted, the new route's
 * producer {@linkplain #takeOver takes it over} with its viewers (see {@link StreamRegistry}), as MediaMTX keeps
 * its readers across a restart of the source. The stream then begins a new {@link StreamSegment}: every viewer
 * goes on at the new producer's first keyframe (MJPEG: its first frame). For FLV the viewers who stay get the new
 * producer's codec configuration (for H.264 the AVC sequence header, which changes with the settings) right
 * before that keyframe, and every tag is re-stamped onto the stream's own time line, which keeps its epoch, so
 * that timestamps keep increasing for them. When the new header describes video they cannot go on decoding
 * (another codec or picture size) they are ended cleanly instead, to reconnect, and the log says so.
 *
 * <p>The lock covers the keyframe cache, the segment, the time line and the viewer list, never a write to a
 * client. Viewers attach and leave from HTTP threads.
 */
public final class LiveStream {

    private static final Logger LOG = LoggerFactory.getLogger(LiveStream.class);

    private final String camera;
    private final String name;
    private final LiveFormat format;
    private final String path;
    private volatile StreamLimits limits;
    private final BitrateMeter bitrate = new BitrateMeter();

    /** Replaced, never mutated, so a publish iterates a stable array without holding the lock. */
    private Viewer[] viewers = new Viewer[0];
    private final List<MediaPacket> gop = new ArrayList<>();
    private StreamSegment segment = StreamSegment.plain();
    /** Whether a new producer took the stream over and has not published yet. */
    private boolean takenOver;
    /** FLV: what is added to the current producer's timestamps to put them on the stream's time line. */
    private long offsetMillis;
    /** FLV: the timestamp of the last tag published, on the stream's time line; -1 before the first. */
    private long lastTimestamp = -1;
    private long lastPublishNanos;
    private volatile byte[] latestImage;
    private volatile long latestImageAtMillis;
    private volatile long epochMillis;

    private final LongAdder packetsIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder packetsDiscarded = new LongAdder();
    private final LongAdder viewersRejected = new LongAdder();
    private final LongAdder viewersStalled = new LongAdder();
    private final AtomicLong viewersServed = new AtomicLong();
    private final AtomicLong takeOvers = new AtomicLong();

    LiveStream(String camera, String name, LiveFormat format, StreamLimits limits) {
        this.camera = camera;
        this.name = name;
        this.format = format;
        this.path = camera + "/" + name + "." + format.extension();
        this.limits = limits;
    }

    /**
     * A new producer publishes into the stream from now on, under {@code limits}; its first packet begins a new
     * segment. The viewers stay.
     */
    synchronized void takeOver(StreamLimits limits) {
        this.limits = limits;
        takenOver = true;
        takeOvers.incrementAndGet();
    }

    /**
     * Bytes every viewer gets first, before any packet; for coded video, the container and codec headers.
     * Begins a new segment: viewers already watching go on at the next keyframe, with the new header's codec
     * configuration when it is FLV, or are ended when they cannot decode what it describes.
     */
    public void setPreamble(ByteBuffer bytes) {
        List<Viewer> ended;
        synchronized (this) {
            byte[] header = null;
            if (bytes != null) {
                header = new byte[bytes.remaining()];
                bytes.duplicate().get(header);
            }
            ended = beginSegment(header, Math.max(0, lastTimestamp));
        }
        end(ended);
    }

    /** Publishes one packet to every viewer. Must be called by one thread at a time (the stream's route). */
    public void publish(MediaPacket packet) {
        packetsIn.increment();
        bitrate.record(packet.size(), System.nanoTime());
        Viewer[] targets;
        StreamSegment current;
        synchronized (this) {
            if (takenOver) {
                takenOver = false;
                segment = new StreamSegment(segment.preamble(), null, segment.header());
                gop.clear();
            }
            // Taken with the cache update: a viewer attached after this got the packet from the cache.
            targets = viewers;
            current = segment;
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
        FanOut.offer(targets, packet, current);
    }

    /** Publishes a JPEG frame: remembered for snapshots and sent to viewers as one multipart part. */
    public void publishImage(byte[] jpeg, long sequence, long receivedAtMillis) {
        latestImage = jpeg;
        latestImageAtMillis = receivedAtMillis;
        publish(format.packet(jpeg, sequence, receivedAtMillis));
    }

    /**
     * Publishes whole FLV tags of the current producer, put on the stream's time line.
     *
     * @param tags                one or more whole tags, each with its PreviousTagSize; left as they are
     * @param keyframe            whether they start with a keyframe
     * @param header              the producer's stream header (FLV header, metadata, codec configuration); a new one
     *                            begins a new segment
     * @param producerEpochMillis the epoch milliseconds at the producer's timestamp 0, or null when unknown
     */
    public void publishTags(byte[] tags, boolean keyframe, byte[] header, Long producerEpochMillis) {
        MediaPacket packet;
        List<Viewer> ended = List.of();
        long last = FlvTags.lastTimestamp(tags); // refuses anything but whole tags, before any state changes
        long first = FlvTags.timestamp(tags, 0);
        synchronized (this) {
            if (takenOver || lastTimestamp < 0) {
                offsetMillis = offsetFor(first, producerEpochMillis);
            }
            if (takenOver || segment.header() == null || !segment.header().sameBytes(header)) {
                takenOver = false;
                ended = beginSegment(header, first + offsetMillis);
            }
            ByteBuffer wire = offsetMillis == 0 ? ByteBuffer.wrap(tags) : FlvTags.restamped(tags, offsetMillis, -1);
            lastTimestamp = last + offsetMillis;
            lastPublishNanos = System.nanoTime();
            packet = new MediaPacket(wire, keyframe);
        }
        end(ended);
        publish(packet);
    }

    /**
     * What puts a producer's timestamps on the stream's time line, from its first tag: nothing for the stream's
     * first producer, whose epoch becomes the stream's; for a later one the difference of the two epochs, so that
     * every tag keeps the wall-clock time it stands for; without an epoch, the time since the last tag. Never
     * less than what makes its first tag come after the last one.
     */
    private long offsetFor(long firstTimestamp, Long producerEpochMillis) {
        if (lastTimestamp < 0) {
            if (producerEpochMillis != null) {
                epochMillis = producerEpochMillis;
            }
            return 0;
        }
        long offset = producerEpochMillis != null && epochMillis != 0 ? producerEpochMillis - epochMillis
                : lastTimestamp + (System.nanoTime() - lastPublishNanos) / 1_000_000 - firstTimestamp;
        return Math.max(offset, lastTimestamp + 1 - firstTimestamp);
    }

    /**
     * Begins a segment under {@code header} (null: none), its codec configuration timed at {@code atMillis};
     * returns the viewers that cannot go on under it, to be ended outside the lock.
     */
    private List<Viewer> beginSegment(byte[] header, long atMillis) {
        StreamSegment before = segment;
        gop.clear();
        if (header == null) {
            segment = StreamSegment.plain();
            return List.of();
        }
        FlvHeader parsed = FlvHeader.parse(header);
        MediaPacket preamble = new MediaPacket(ByteBuffer.wrap(header), false);
        String incompatibility = before.header() == null ? null : parsed.incompatibility(before.header());
        if (incompatibility != null) {
            segment = new StreamSegment(preamble, null, parsed);
            List<Viewer> ended = new ArrayList<>();
            for (Viewer viewer : viewers) {
                if (viewer.decodesOtherThan(segment)) {
                    ended.add(viewer);
                }
            }
            LOG.warn("Stream {}: {}; its {} viewers were ended, to reconnect, as players cannot go on across that",
                    path, incompatibility, ended.size());
            return ended;
        }
        byte[] configuration = parsed.configuration();
        MediaPacket continuation = before.header() == null || configuration.length == 0 ? null
                : new MediaPacket(FlvTags.restamped(configuration, 0, atMillis), false);
        segment = new StreamSegment(preamble, continuation, parsed);
        return List.of();
    }

    private static void end(List<Viewer> viewers) {
        for (Viewer viewer : viewers) {
            viewer.close(null);
        }
    }

    /** When FLV timestamp 0 was, in epoch milliseconds; 0 until known. It stays when a new producer takes over. */
    public long epochMillis() {
        return epochMillis;
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
            int burst = gop.size() + (segment.preamble() == null ? 0 : 1);
            viewer = new Viewer(this, sink, limits.viewerQueueSize() + burst, remote, format.hasPreamble());
            // Queued under the lock so that no packet published meanwhile can overtake the cache.
            first = viewer.start(segment, gop);
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
        StreamLimits limits = this.limits;
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

    /** How many times a new producer took the stream over, after a route edit or restart. */
    public long takeOvers() {
        return takeOvers.get();
    }

    /** Packets not sent to a viewer because it had fallen behind. */
    public long packetsDiscarded() {
        return packetsDiscarded.sum();
    }
}
