package org.camrelay.simulator;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;

/**
 * Sends pictures to one client connection: takes the current frame, applies the {@link SimulatorFaults},
 * writes it in the transport's framing and reports it to the listeners once written. Confined to the
 * connection's event loop.
 */
final class FrameWriter {

    private static final byte[] NO_NOISE = new byte[0];

    /** How a transport puts one picture on the wire. */
    @FunctionalInterface
    interface Framing {

        /**
         * The message to write for one picture, preceded by {@code noise} where the transport has a gap
         * between pictures to put it in; {@code noise} is usually empty.
         */
        Object wrap(byte[] noise, byte[] jpeg);
    }

    private final Channel channel;
    private final SimulatorTransport transport;
    private final long connectionId;
    private final FrameSource frames;
    private final SimulatorFaults faults;
    private final SimulatorStats stats;
    private long framesWritten;
    private boolean dropping;

    FrameWriter(Channel channel, SimulatorTransport transport, long connectionId, FrameSource frames,
                SimulatorFaults faults, SimulatorStats stats) {
        this.channel = channel;
        this.transport = transport;
        this.connectionId = connectionId;
        this.frames = frames;
        this.faults = faults;
        this.stats = stats;
    }

    long connectionId() {
        return connectionId;
    }

    boolean isWritable() {
        return channel.isWritable();
    }

    /** Writes the current picture in the given size; returns its frame number, or -1 if stalled or dropping. */
    long send(FrameSize size, Framing framing) {
        if (faults.stalled() || dropping) {
            return -1;
        }
        FrameSource.Frame frame = frames.current(size);
        SimulatorFaults.Mangled mangled = faults.mangle(frame.jpeg());
        int garbage = faults.garbageBytes();
        byte[] noise = garbage > 0 ? JpegFaults.noise(garbage) : NO_NOISE;
        SentFrame sent = new SentFrame(transport, connectionId, frame.number(), mangled.kind(), mangled.jpeg());
        ChannelFuture written = channel.writeAndFlush(framing.wrap(noise, mangled.jpeg()));
        written.addListener(done -> {
            if (done.isSuccess()) {
                stats.frameSent(sent);
            }
        });
        int dropAfter = faults.dropAfterFrames();
        if (++framesWritten >= dropAfter && dropAfter > 0) {
            // nothing more may follow: writes queued behind this one could reach the client before the close
            dropping = true;
            written.addListener(ChannelFutureListener.CLOSE);
        }
        return frame.number();
    }
}
