package org.camrelay.simulator;

import io.netty.channel.Channel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a simulator has done so far: connections per transport and on the native control port, frames sent, and
 * who is told about them.
 */
final class SimulatorStats {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorStats.class);

    private final AtomicLongArray accepted = new AtomicLongArray(SimulatorTransport.values().length);
    private final AtomicIntegerArray open = new AtomicIntegerArray(SimulatorTransport.values().length);
    private final AtomicLong lastConnectionId = new AtomicLong();
    private final AtomicLong controlAccepted = new AtomicLong();
    private final AtomicInteger controlOpen = new AtomicInteger();
    private final LongAdder goodFrames = new LongAdder();
    private final List<SentFrameListener> listeners = new CopyOnWriteArrayList<>();

    /** Counts a new connection until it closes, and returns its id. */
    long connectionOpened(SimulatorTransport transport, Channel channel) {
        int index = transport.ordinal();
        accepted.incrementAndGet(index);
        open.incrementAndGet(index);
        // the close future completes before the close() promise does (channelInactive comes later), so a
        // stop() that waited for its close promises sees every connection counted out
        channel.closeFuture().addListener(closed -> open.decrementAndGet(index));
        return lastConnectionId.incrementAndGet();
    }

    /** Counts a new native control connection until it closes, and returns its id (shared with the video ports). */
    long controlConnectionOpened(Channel channel) {
        controlAccepted.incrementAndGet();
        controlOpen.incrementAndGet();
        channel.closeFuture().addListener(closed -> controlOpen.decrementAndGet());
        return lastConnectionId.incrementAndGet();
    }

    long controlAccepted() {
        return controlAccepted.get();
    }

    int controlOpen() {
        return controlOpen.get();
    }

    void frameSent(SentFrame frame) {
        if (frame.kind() == SentFrame.Kind.GOOD) {
            goodFrames.increment();
        }
        for (SentFrameListener listener : listeners) {
            try {
                listener.onFrameSent(frame);
            } catch (RuntimeException e) {
                LOG.warn("Frame listener {} failed", listener, e);
            }
        }
    }

    void addListener(SentFrameListener listener) {
        listeners.add(listener);
    }

    long accepted(SimulatorTransport transport) {
        return accepted.get(transport.ordinal());
    }

    int open(SimulatorTransport transport) {
        return open.get(transport.ordinal());
    }

    long goodFrames() {
        return goodFrames.sum();
    }
}
