package org.camrelay.component.vbc10;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camrelay.component.vbc10.TestJpegs.ascii;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class NativeHandshakeHandlerTest {

    @Test
    void sendsTheHandshakeThenTakesTheReplyOutOfTheStream() {
        List<Object> events = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel(new NativeHandshakeHandler(new byte[] { 0x0A, 0x0A, 0x0A, 0x0A }),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        events.add(evt);
                    }
                });

        ByteBuf handshake = channel.readOutbound();
        assertThat(ByteBufUtil.hexDump(handshake)).isEqualTo("0a0a0a0a");
        handshake.release();

        ByteBuf reply = Unpooled.wrappedBuffer(ascii("100\r\n"));
        channel.writeInbound(reply);
        assertThat(reply.refCnt()).as("reply released").isZero();
        assertThat(channel.inboundMessages()).as("reply not passed on").isEmpty();
        assertThat(events).containsExactly(NativeHandshakeHandler.COMPLETED);
        assertThat(channel.pipeline().get(NativeHandshakeHandler.class)).isNull();

        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] { (byte) 0xFF, (byte) 0xD8 }));
        ByteBuf video = channel.readInbound();
        assertThat(ByteBufUtil.hexDump(video)).isEqualTo("ffd8");
        video.release();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }
}
