package org.camrelay.component.vbc10;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Opens a native-protocol session in the simple dialect: sends the handshake once connected, then takes the camera's
 * first read, its short reply ("100"), out of the stream, announces {@link #COMPLETED} down the pipeline and removes
 * itself. ({@link VideogramStartHandler} does the same for the videogram dialect.)
 */
final class NativeHandshakeHandler extends ChannelInboundHandlerAdapter {

    /** User event fired once the camera has answered the handshake, or the videogram dialect's start sequence. */
    static final Object COMPLETED = new Object() {
        @Override
        public String toString() {
            return "vbc10 handshake completed";
        }
    };

    private final byte[] handshake;

    NativeHandshakeHandler(byte[] handshake) {
        this.handshake = handshake;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(handshake)).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // the reply is not video: neither a frame nor garbage to count
        ReferenceCountUtil.release(msg);
        ctx.fireUserEventTriggered(COMPLETED);
        ctx.pipeline().remove(this);
    }
}
