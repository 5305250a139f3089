package org.camrelay.component.vbc10.control;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes {@link ControlDatagram}s as the native control port frames them (see {@link ControlDatagram#toBytes()}). */
@ChannelHandler.Sharable
final class ControlDatagramEncoder extends MessageToByteEncoder<ControlDatagram> {

    static final ControlDatagramEncoder INSTANCE = new ControlDatagramEncoder();

    @Override
    protected void encode(ChannelHandlerContext ctx, ControlDatagram datagram, ByteBuf out) {
        out.writeBytes(datagram.toBytes());
    }
}
