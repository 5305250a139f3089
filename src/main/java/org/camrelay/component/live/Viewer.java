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
    private boolean writing;
    private boolean waitForKeyframe;
    /** Whether the viewer still needs the stream's preamble: it came before the stream had one. */
    private boolean awaitingPreamble;
    private boolean closed;
    private long writeStartedNanos;
    private int inFlightBytes;

    Viewer(LiveStream stream, Sink sink, int capacity, String remote) {
        this.stream = stream;
        this.sink = sink;
        this.capacity = capacity;
        this.remote = remote;
        this.queue = new ArrayDeque<>(Math.min(capacity, 16));
    }

    /**
     * Queues what a joining viewer starts with: the preamble, if the stream has one yet, and the packets
     * since the last keyframe. Without them it waits for the next keyframe (and the preamble, if it needs
     * one). Returns the buffer the caller must hand to the sink, outside any lock, or null.
     */
    synchronized ByteBuffer start(MediaPacket preamble, boolean needsPreamble, List<MediaPacket> gop) {
        awaitingPreamble = needsPreamble && preamble == null;
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
     * Queues a packet; returns the buffer the caller must hand to the sink (outside any lock) when this
     * starts a write, or null when a write is already under way or the packet was discarded.
     */
    synchronized ByteBuffer enqueue(MediaPacket packet, MediaPacket preamble) {
        if (closed) {
            return null;
        }
        if (awaitingPreamble) {
            // Nothing before the preamble and the first keyframe is of use; it is not lag either.
            if (preamble == null || !packet.keyframe()) {
                return null;
            }
            awaitingPreamble = false;
            queue.add(preamble);
        }
        if (queue.size() >= capacity) {
            stream.countDiscarded(queue.size());
            queue.clear();
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

    /**
     * Queues a packet and starts writing if the sink is idle. Called by the stream's single publisher, with
     * the stream's preamble for a viewer that joined before there was one.
     */
    void offer(MediaPacket packet, MediaPacket preamble) {
        ByteBuffer next = enqueue(packet, preamble);
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
        }
        stream.detach(this);
        sink.close(cause);
    }
}
