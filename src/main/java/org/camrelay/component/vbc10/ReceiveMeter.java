package org.camrelay.component.vbc10;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * First in the pipeline: counts the bytes read and notes when each read happened. A frame is completed by the read
 * that is being processed when the frame comes out of the decoders, so the time of that read is when the frame's
 * last byte arrived, even when one read completes several frames.
 */
final class ReceiveMeter extends ChannelInboundHandlerAdapter {

    private final CameraStatistics statistics;
    private long lastReadAt;
    private long lastReadNanos;

    ReceiveMeter(CameraStatistics statistics) {
        this.statistics = statistics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes) {
            lastReadNanos = System.nanoTime();
            lastReadAt = System.currentTimeMillis();
            statistics.bytesReceived(bytes.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }

    /** Epoch milliseconds of the latest read. */
    long lastReadAt() {
        return lastReadAt;
    }

    /** {@link System#nanoTime()} of the latest read. */
    long lastReadNanos() {
        return lastReadNanos;
    }
}
