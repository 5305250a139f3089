package org.camrelay.source;

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
 * A frame that the decoder drops (truncated, oversized) never arrives as such, so a request whose frame has not come
 * within the response timeout is sent again; a camera that stays silent is left to the stall timeout.
 */
final class FrameRequestPacer extends ChannelInboundHandlerAdapter {

    private final ByteBuf request;
    private final long periodNanos;
    private final long responseTimeoutNanos;
    private final LongSupplier clock;
    private long deadline;
    private boolean awaitingFrame;
    private Future<?> scheduled;

    /**
     * @param frameRequest         the bytes that ask for one frame
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
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // frames answering a request that was sent again arrive when none is awaited: they do not pace
        if (msg instanceof JpegFrame && awaitingFrame) {
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
        ctx.fireChannelRead(msg);
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
