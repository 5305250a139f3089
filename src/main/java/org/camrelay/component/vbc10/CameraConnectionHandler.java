package org.camrelay.component.vbc10;


import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last in the pipeline: hands each frame to the consumer, and closes the connection on any error or stall, noting
 * why on the channel. Once the channel is inactive, and every handler before this one has had its say about the last
 * bytes (an HTTP body that ends with the connection, say), it tells the consumer why the connection ended and whether
 * it ended cleanly.
 */
final class CameraConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(CameraConnectionHandler.class);
    private static final AttributeKey<String> CLOSE_REASON =
            AttributeKey.valueOf(CameraConnectionHandler.class, "closeReason");
    private static final AttributeKey<String> CLOSED_BY_CAMERA_MEANS =
            AttributeKey.valueOf(CameraConnectionHandler.class, "closedByCameraMeans");
    private static final AttributeKey<Boolean> ENDED_CLEANLY =
            AttributeKey.valueOf(CameraConnectionHandler.class, "endedCleanly");

    private final Vbc10Consumer consumer;
    private final ReceiveMeter meter;
    private final long stallTimeout;

    CameraConnectionHandler(Vbc10Consumer consumer, ReceiveMeter meter, long stallTimeout) {
        this.consumer = consumer;
        this.meter = meter;
        this.stallTimeout = stallTimeout;
    }

    /** Why the channel was closed; a channel closed without a noted reason was closed by the camera. */
    static String closeReason(Channel channel) {
        String reason = channel.attr(CLOSE_REASON).get();
        if (reason != null) {
            return reason;
        }
        String closedByCamera = channel.attr(CLOSED_BY_CAMERA_MEANS).get();
        return closedByCamera != null ? closedByCamera : "connection closed by the camera";
    }

    /**
     * Notes what it would mean if the camera closed the connection from now on, for example "the camera closed the
     * connection before it answered VERSION" while a start sequence waits for a reply; null for the usual reason.
     */
    static void closedByCameraMeans(Channel channel, String reason) {
        channel.attr(CLOSED_BY_CAMERA_MEANS).set(reason);
    }

    /** Whether the camera ended the stream as it meant to (see {@link #endCleanly}), rather than by a failure. */
    static boolean endedCleanly(Channel channel) {
        return Boolean.TRUE.equals(channel.attr(ENDED_CLEANLY).get());
    }

    /**
     * Closes the connection because the camera ended its stream cleanly, with {@code reason}; unless another reason
     * was noted first, the consumer then decides whether that was routine.
     */
    static void endCleanly(ChannelHandlerContext ctx, String reason) {
        Channel channel = ctx.channel();
        if (channel.attr(CLOSE_REASON).setIfAbsent(reason) == null) {
            channel.attr(ENDED_CLEANLY).set(true);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        consumer.connectionClosed(channel, closeReason(channel), endedCleanly(channel));
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof JpegFrame frame) {
            try {
                consumer.deliver(frame, meter.lastReadAt(), meter.lastReadNanos());
            } finally {
                frame.release();
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            close(ctx, "stalled: no complete frame for " + stallTimeout + " ms");
        } else {
            ReferenceCountUtil.release(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String reason = ConnectionFailures.describe(cause);
        LOG.debug("{}: closing: {}", ctx.channel(), reason, cause);
        close(ctx, reason);
    }

    private static void close(ChannelHandlerContext ctx, String reason) {
        ctx.channel().attr(CLOSE_REASON).setIfAbsent(reason);
        ctx.close();
    }
}
