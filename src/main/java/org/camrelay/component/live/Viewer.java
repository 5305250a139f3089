package org.camrelay.component.live;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * One viewer of a {@link LiveStream}: a bounded queue of whole packets in front of an asynchronous
 * sink, with a discard counter.
 *
 * <p>Live video must never queue up: when the queue is full the viewer has fallen behind, so everything
 * queued is discarded and the viewer waits for the next keyframe (for MJPEG that is simply the newest
 * frame). The packet being written is never cut. One write is in flight at a time; its completion pulls
 * the next packet, so no thread waits on a slow client.
 *
 * <p>When the stream begins a new {@link StreamSegment} (a new producer took it over, or its codec headers
 * changed), the viewer stays and goes on at the new segment's first keyframe, after the segment's new codec
 * configuration; headers it still owes the client survive an overflow of the queue.
 */
public final class Viewer {

    /** Where a viewer's bytes go: an HTTP response, in production. */
    public interface Sink {
        /** Writes asynchronously and then calls {@link Viewer#writeSucceeded()} or {@link Viewer#writeFailed}. */
        void write(ByteBuffer bytes, Viewer viewer);

        /** Ends the response: normally when {@code cause} is null, otherwise by aborting it. */
        void close(Throwable cause);
    }

    private final LiveStream stream;
    private final Sink sink;
    private final int capacity;
    private final String remote;
    private final ArrayDeque<MediaPacket> queue;
    /** Stream headers queued and not yet written: kept when the queue overflows, as no decoder can go on without them. */
    private final ArrayDeque<MediaPacket> owedHeaders = new ArrayDeque<>(2);
    /** Whether the format needs a preamble before any packet. */
    private final boolean needsPreamble;
    private boolean writing;
    private boolean waitForKeyframe;
    /** The segment of the stream this viewer decodes; null until it has the stream's preamble, where it needs one. */
    private StreamSegment segment;
    private boolean closed;
    private long writeStartedNanos;
    private int inFlightBytes;

    Viewer(LiveStream stream, Sink sink, int capacity, String remote, boolean needsPreamble) {
        this.stream = stream;
        this.needsPreamble = needsPreamble;
        this.sink = sink;
        this.capacity = capacity;
        this.remote = remote;
        this.queue = new ArrayDeque<>(Math.min(capacity, 16));
    }

    /**
     * Queues what a joining viewer starts with: the segment's preamble, if it has one yet, and the packets
     * since the last keyframe. Without them it waits for the next keyframe (and the preamble, if it needs
     * one). Returns the buffer the caller must hand to the sink, outside any lock, or null.
     */
    synchronized ByteBuffer start(StreamSegment current, List<MediaPacket> gop) {
        MediaPacket preamble = current.preamble();
        segment = needsPreamble && preamble == null ? null : current;
        if (preamble != null) {
            queue.add(preamble);
        }
        queue.addAll(gop);
        waitForKeyframe = gop.isEmpty();
        if (queue.isEmpty()) {
            // Sends the response headers now, so the viewer knows it is connected while it waits.
            queue.add(MediaPacket.EMPTY);
        }
        return startNextWrite();
    }

    /**
     * Queues a packet of {@code current}; returns the buffer the caller must hand to the sink (outside any
     * lock) when this starts a write, or null when a write is already under way or the packet was discarded.
     */
    synchronized ByteBuffer enqueue(MediaPacket packet, StreamSegment current) {
        if (closed) {
            return null;
        }
        if (current != segment) {
            // The stream began anew (another producer, or new codec headers), or this viewer still needs its
            // preamble: it goes on at the first keyframe, after what a decoder needs first. Waiting for that is
            // neither lag nor loss.
            MediaPacket headers = segment == null ? current.preamble() : current.continuation();
            if (!packet.keyframe() || segment == null && needsPreamble && headers == null) {
                return null;
            }
            segment = current;
            waitForKeyframe = false;
            if (headers != null) {
                queue.add(headers);
                owedHeaders.add(headers);
            }
        }
        if (queue.size() >= capacity) {
            stream.countDiscarded(queue.size() - owedHeaders.size());
            queue.clear();
            queue.addAll(owedHeaders);
            waitForKeyframe = true;
        }
        if (waitForKeyframe && !packet.keyframe()) {
            stream.countDiscarded(1);
            return null;
        }
        waitForKeyframe = false;
        queue.add(packet);
        return writing ? null : startNextWrite();
    }

    /** Whether this viewer decodes the stream under headers other than {@code current}'s. */
    synchronized boolean decodesOtherThan(StreamSegment current) {
        return segment != null && segment != current && !closed;
    }

    /**
     * Queues a packet of the stream's current segment and starts writing if the sink is idle. Called by the
     * stream's single publisher.
     */
    void offer(MediaPacket packet, StreamSegment current) {
        ByteBuffer next = enqueue(packet, current);
        if (next != null) {
            sink.write(next, this);
        }
    }

    private ByteBuffer startNextWrite() {
        MediaPacket packet = queue.poll();
        if (packet == null) {
            writing = false;
            return null;
        }
        if (packet == owedHeaders.peek()) {
            owedHeaders.poll();
        }
        writing = true;
        writeStartedNanos = System.nanoTime();
        inFlightBytes = packet.size();
        return packet.wire();
    }

    /** Completion of the write in flight; may run on the caller's thread when the socket took it all. */
    public void writeSucceeded() {
        ByteBuffer next;
        synchronized (this) {
            stream.countSent(inFlightBytes);
            next = closed ? null : startNextWrite();
        }
        if (next != null) {
            sink.write(next, this);
        }
    }

    public void writeFailed(Throwable cause) {
        close(cause);
    }

    /** Whether the write in flight has not completed within {@code timeoutNanos}: the client stopped reading. */
    synchronized boolean stalled(long nowNanos, long timeoutNanos) {
        return writing && !closed && nowNanos - writeStartedNanos > timeoutNanos;
    }

    void closeStalled(long timeoutMillis) {
        close(new TimeoutException("viewer " + remote + " read nothing for " + timeoutMillis + " ms"));
    }

    /** Detaches from the stream and ends the response; idempotent. */
    public void close(Throwable cause) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            owedHeaders.clear();
        }
        stream.detach(this);
        sink.close(cause);
    }
}
