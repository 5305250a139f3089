package org.camrelay.component.vbc10;

import java.net.ProtocolException;
import java.util.List;
import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Splits the camera's side of the videogram dialect into videograms by their length fields (see {@link Videogram}),
 * and passes the payload of each type 0x02 videogram on as one {@link ByteBuf}, a retained slice of the bytes
 * received, for {@link JpegPayloadDecoder} to check.
 * <p>
 * Videograms of other types (replies to the start sequence, anything the camera sends unasked) are skipped and
 * reported as skipped bytes, header included. A type 0x02 payload larger than {@code maxFrameSize} is reported as
 * oversize and skipped as it arrives, without being buffered, so memory stays bounded by one read however long it is.
 * Each type 0x02 videogram, passed on or skipped, fires {@link #FRAME_ANSWERED} (before its payload goes on), so that
 * the frame pacer knows its request was answered even when the frame is then dropped.
 * <p>
 * A header that cannot be right, because another type than 0x02 announces more than 1000 bytes (the ROS driver's
 * limit) or bytes 1-3 are not zero, means the stream is out of step: decoding stops for good and a
 * {@link ProtocolException} naming the header goes up the pipeline, whose last handler closes the connection.
 */
final class VideogramDecoder extends ByteToMessageDecoder {

    /** User event: a type 0x02 videogram has been received in full, whatever its payload. */
    static final Object FRAME_ANSWERED = new Object() {
        @Override
        public String toString() {
            return "vbc10 frame videogram received";
        }
    };

    private enum State {
        HEADER, PAYLOAD, SKIP, FAILED
    }

    private final int maxFrameSize;
    private final JpegStreamListener listener;

    private State state = State.HEADER;
    /** Payload bytes of the current videogram still to come. */
    private long remaining;
    /** Whether the videogram being skipped is an oversized frame, which answers a request. */
    private boolean skippingFrame;

    /**
     * @param maxFrameSize the largest type 0x02 payload passed on, in bytes
     * @param listener     told about skipped videograms and oversized frames
     */
    VideogramDecoder(int maxFrameSize, JpegStreamListener listener) {
        if (maxFrameSize <= 0) {
            throw new IllegalArgumentException("maxFrameSize must be positive, was " + maxFrameSize);
        }
        this.maxFrameSize = maxFrameSize;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Bytes received and held back for the next decode: part of a header or of a payload to pass on. */
    int bufferedBytes() {
        return internalBuffer().readableBytes();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws ProtocolException {
        boolean progress = true;
        while (progress) {
            progress = switch (state) {
                case HEADER -> header(in);
                case PAYLOAD -> payload(ctx, in, out);
                case SKIP -> skip(ctx, in);
                case FAILED -> {
                    in.skipBytes(in.readableBytes());
                    yield false;
                }
            };
        }
    }

    private boolean header(ByteBuf in) throws ProtocolException {
        if (in.readableBytes() < Videogram.HEADER_LENGTH) {
            return false;
        }
        int at = in.readerIndex();
        int type = in.getUnsignedByte(at);
        long length = in.getUnsignedInt(at + 4);
        if (in.getUnsignedMedium(at + 1) != 0) {
            throw outOfStep(in, "its bytes 1-3 are not zero");
        }
        if (type != Videogram.FRAME && length > Videogram.MAX_CONTROL_PAYLOAD) {
            throw outOfStep(in, String.format("type 0x%02X announces %d bytes, more than the %d any type but video"
                                              + " carries", type, length, Videogram.MAX_CONTROL_PAYLOAD));
        }
        in.skipBytes(Videogram.HEADER_LENGTH);
        remaining = length;
        if (type == Videogram.FRAME && length <= maxFrameSize) {
            state = State.PAYLOAD;
        } else {
            skippingFrame = type == Videogram.FRAME;
            if (skippingFrame) {
                listener.frameOversize(maxFrameSize);
            } else {
                listener.bytesSkipped(Videogram.HEADER_LENGTH + (int) length);
            }
            state = State.SKIP;
        }
        return true;
    }

    private boolean payload(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < remaining) {
            return false;
        }
        ctx.fireUserEventTriggered(FRAME_ANSWERED);
        out.add(in.readRetainedSlice((int) remaining));
        state = State.HEADER;
        return false; // the payload goes on before the next videogram's event: decode is called again for the rest
    }

    /** Releases what has come of a videogram that is not passed on; the decoder's buffer is then empty. */
    private boolean skip(ChannelHandlerContext ctx, ByteBuf in) {
        int count = (int) Math.min(remaining, in.readableBytes());
        in.skipBytes(count);
        remaining -= count;
        if (remaining > 0) {
            return false;
        }
        if (skippingFrame) {
            ctx.fireUserEventTriggered(FRAME_ANSWERED);
        }
        state = State.HEADER;
        return true;
    }

    private ProtocolException outOfStep(ByteBuf in, String why) {
        state = State.FAILED;
        String header = ByteBufUtil.hexDump(in, in.readerIndex(), Videogram.HEADER_LENGTH);
        in.skipBytes(in.readableBytes());
        return new ProtocolException("out of step with the camera's videograms: header " + header + " cannot be"
                                     + " right, " + why);
    }
}
