package org.camrelay.component.vbc10.control;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;

/**
 * Cuts the native control port's byte stream into {@link ControlDatagram}s by its one framing rule: 16 bytes plus 4*N,
 * N from bytes 0-1. A datagram announcing more than {@value ControlDatagram#MAX_EXTRA_WORDS} extra words means the
 * stream is not what we think it is: the connection is closed (with a {@link CorruptedFrameException}).
 */
final class ControlDatagramDecoder extends ByteToMessageDecoder {

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 2) {
            return;
        }
        int extra = in.getUnsignedShort(in.readerIndex());
        if (extra > ControlDatagram.MAX_EXTRA_WORDS) {
            in.skipBytes(in.readableBytes());
            ctx.close();
            throw new CorruptedFrameException("a control datagram announced " + extra + " extra words (at most "
                    + ControlDatagram.MAX_EXTRA_WORDS + ")");
        }
        int length = ControlDatagram.BASE_LENGTH + 4 * extra;
        if (in.readableBytes() < length) {
            return;
        }
        int start = in.readerIndex();
        int command = in.getUnsignedByte(start + 5);
        int status = in.getUnsignedShort(start + 6);
        byte[] payload = new byte[length - 8];
        in.getBytes(start + 8, payload);
        in.skipBytes(length);
        out.add(new ControlDatagram(command, status, payload));
    }
}
