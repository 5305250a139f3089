package org.camrelay.simulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the VB-C10 native video port: expects the handshake, replies, then answers every
 * frame request with the current picture as raw JPEG bytes, without any framing. Anything unexpected
 * closes the connection.
 *
 * <p>A client asking faster than the frame rate gets the same frame number more than once, as from the
 * camera. Requests that arrive while the client is not reading (the channel is not writable) are counted
 * and answered once it reads again, so asking without reading costs a counter, not buffered frames.
 */
final class NativeCameraHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(NativeCameraHandler.class);

    private final String simulator;
    private final NativeProtocol protocol;
    private final FrameWriter writer;
    private final FrameSize size;
    private final FrameWriter.Framing rawJpeg = (noise, jpeg) -> Unpooled.wrappedBuffer(noise, jpeg);
    private boolean handshaken;
    private byte[] expected;
    private int matched;
    private long pendingRequests;

    NativeCameraHandler(String simulator, NativeProtocol protocol, FrameWriter writer, FrameSize size) {
        this.simulator = simulator;
        this.protocol = protocol;
        this.writer = writer;
        this.size = size;
        expected = protocol.handshake();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            while (in.isReadable()) {
                byte actual = in.readByte();
                if (actual != expected[matched]) {
                    reject(ctx, actual);
                    return;
                }
                if (++matched == expected.length) {
                    matched = 0;
                    onSequence(ctx);
                }
            }
        } finally {
            in.release();
        }
        answerPendingRequests();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        answerPendingRequests();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{}: native connection #{} failed", simulator, writer.connectionId(), cause);
        ctx.close();
    }

    private void onSequence(ChannelHandlerContext ctx) {
        if (!handshaken) {
            handshaken = true;
            expected = protocol.frameRequest();
            ctx.writeAndFlush(Unpooled.wrappedBuffer(protocol.handshakeReply()));
        } else {
            pendingRequests++;
        }
    }

    /** A stalled simulator takes the requests too, and ignores them. */
    private void answerPendingRequests() {
        while (pendingRequests > 0 && writer.isWritable()) {
            pendingRequests--;
            writer.send(size, rawJpeg);
        }
    }

    private void reject(ChannelHandlerContext ctx, byte actual) {
        HexFormat hex = HexFormat.of();
        LOG.warn("{}: native connection #{} from {} sent 0x{} at byte {} of the {} {}; closing",
                simulator, writer.connectionId(), ctx.channel().remoteAddress(), hex.toHexDigits(actual), matched,
                handshaken ? "frame request" : "handshake", hex.formatHex(expected));
        ctx.close();
    }
}
