package org.camrelay.component.vbc10;

import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Asks a native-protocol camera for one frame at a time, at the configured rate.
 * <p>
 * Requests are due on a fixed grid, deadline(n+1) = deadline(n) + 1/fps, so the rate does not drift with network
 * delays. A request goes out when its deadline has come and the frame asked for before has arrived; if that frame
 * arrives late, the request goes at once and the grid restarts from now: no burst to catch up.
 * <p>
 * A request counts as answered when its frame arrives or, in the videogram dialect, when
 * {@link VideogramDecoder#FRAME_ANSWERED} says that a frame videogram came, whatever its payload, so that a dropped
 * frame costs no more than its own interval; once such an event has come on a connection, frames no longer count,
 * since each follows its own event. A request whose answer has not come within the response timeout (in the simple
 * dialect, a frame the decoder dropped as truncated or oversized never arrives as such) is sent again; a camera that
 * stays silent is left to the stall timeout.
 * <p>
 * The request is the simple dialect's request bytes, or the videogram dialect's empty type 0x85 videogram.
 */
final class FrameRequestPacer extends ChannelInboundHandlerAdapter {

    private final ByteBuf request;
    private final long periodNanos;
    private final long responseTimeoutNanos;
    private final LongSupplier clock;
    private long deadline;
    private boolean awaitingFrame;
    /** The framing reports answered requests itself (videogram dialect). */
    private boolean answersReported;
    private Future<?> scheduled;

    /**
     * @param frameRequest         the bytes that ask for one frame: request bytes, or a 0x85 videogram
     * @param fps                  frames per second to ask for
     * @param responseTimeoutNanos how long a frame may take to arrive before it is asked for again
     */
    FrameRequestPacer(byte[] frameRequest, double fps, long responseTimeoutNanos) {
        this(frameRequest, fps, responseTimeoutNanos, System::nanoTime);
    }

    /** @param clock nanosecond ticks, as {@link System#nanoTime()} */
    FrameRequestPacer(byte[] frameRequest, double fps, long responseTimeoutNanos, LongSupplier clock) {
        this.request = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(frameRequest));
        this.periodNanos = Math.round(TimeUnit.SECONDS.toNanos(1) / fps);
        this.responseTimeoutNanos = responseTimeoutNanos;
        this.clock = clock;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == NativeHandshakeHandler.COMPLETED) {
            requestNow(ctx);
        } else if (evt == VideogramDecoder.FRAME_ANSWERED) {
            answersReported = true;
            answered(ctx);
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof JpegFrame && !answersReported) {
            answered(ctx);
        }
        ctx.fireChannelRead(msg);
    }

    /** The awaited frame came: the next request is due on the grid. */
    private void answered(ChannelHandlerContext ctx) {
        // answers to a request that was sent again arrive when none is awaited: they do not pace
        if (!awaitingFrame) {
            return;
        }
        awaitingFrame = false;
        scheduled.cancel(false);
        deadline += periodNanos;
        long delay = deadline - clock.getAsLong();
        if (delay <= 0) {
            requestNow(ctx);
        } else {
            scheduled = ctx.executor().schedule(() -> send(ctx), delay, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    /** Requests off the grid (first request, late frame, lost frame): the grid restarts from now. */
    private void requestNow(ChannelHandlerContext ctx) {
        deadline = clock.getAsLong();
        send(ctx);
    }

    private void send(ChannelHandlerContext ctx) {
        awaitingFrame = true;
        ctx.writeAndFlush(request.duplicate()).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        scheduled = ctx.executor().schedule(() -> requestNow(ctx), responseTimeoutNanos, TimeUnit.NANOSECONDS);
    }
}
