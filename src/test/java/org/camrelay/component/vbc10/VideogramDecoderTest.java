package org.camrelay.component.vbc10;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camrelay.component.vbc10.TestJpegs.concat;
import static org.camrelay.component.vbc10.TestJpegs.slice;

import java.net.ProtocolException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

class VideogramDecoderTest {

    private static final byte[] JPEG_A = TestJpegs.baseline(32, 24, 1);
    private static final byte[] JPEG_B = TestJpegs.progressive(48, 32, 2);
    private static final byte[] CONTROL = TestJpegs.ascii("a reply to START, say");
    /** An unknown videogram, two frames, an empty unknown one, a frame: 8 + 21 and 8 bytes to skip. */
    private static final byte[] STREAM = concat(videogram(0x01, CONTROL), videogram(0x02, JPEG_A),
            videogram(0x02, JPEG_B), videogram(0x91, new byte[0]), videogram(0x02, JPEG_A));
    private static final List<String> EXPECTED = List.of("answered", hex(JPEG_A), "answered", hex(JPEG_B), "answered",
            hex(JPEG_A));

    private final RecordingListener listener = new RecordingListener();
    /** What came out of the decoder, in order: "answered" for each event, the payloads in hex. */
    private final List<String> seen = new ArrayList<>();

    @Test
    void framesByTheLengthFieldsWhereverTheStreamIsSplit() {
        for (int split = 0; split <= STREAM.length; split++) {
            listener.skipped = 0;
            seen.clear();
            EmbeddedChannel channel = channel(1 << 20);

            channel.writeInbound(Unpooled.wrappedBuffer(slice(STREAM, 0, split)));
            channel.writeInbound(Unpooled.wrappedBuffer(slice(STREAM, split, STREAM.length)));

            assertThat(seen).as("split at %d", split).isEqualTo(EXPECTED);
            assertThat(listener.skipped).as("split at %d", split).isEqualTo(8 + CONTROL.length + 8);
            assertThat(channel.finishAndReleaseAll()).isFalse();
        }
    }

    @Test
    void framesAStreamThatComesByteByByteOrAllAtOnce() {
        EmbeddedChannel bytewise = channel(1 << 20);
        for (byte b : STREAM) {
            bytewise.writeInbound(Unpooled.wrappedBuffer(new byte[] { b }));
        }
        assertThat(seen).isEqualTo(EXPECTED);

        seen.clear();
        EmbeddedChannel whole = channel(1 << 20);
        whole.writeInbound(Unpooled.wrappedBuffer(concat(STREAM, STREAM)));
        List<String> twice = new ArrayList<>(EXPECTED);
        twice.addAll(EXPECTED);
        assertThat(seen).as("several videograms in one read").isEqualTo(twice);
        assertThat(listener.corrupt).isEmpty();
    }

    @Test
    void skipsAnOversizedFramePayloadAsItArrivesWithoutBufferingIt() {
        int maxFrameSize = 10_000;
        EmbeddedChannel channel = channel(maxFrameSize);
        VideogramDecoder decoder = channel.pipeline().get(VideogramDecoder.class);
        byte[] oversized = TestJpegs.entropyCoded(200_000, 7);
        byte[] stream = concat(videogram(0x02, oversized), videogram(0x02, JPEG_A));
        int chunk = 4096;

        for (int at = 0; at < stream.length; at += chunk) {
            ByteBuf read = Unpooled.wrappedBuffer(slice(stream, at, Math.min(stream.length, at + chunk)));
            channel.writeInbound(read);
            if (at + chunk < 8 + oversized.length) {
                assertThat(read.refCnt()).as("read at %d released", at).isZero();
                assertThat(decoder.bufferedBytes()).as("bytes held back after the read at %d", at).isZero();
            }
        }

        assertThat(listener.oversize).isEqualTo(1);
        assertThat(seen).as("one answer for the oversized frame, then the next frame")
                .containsExactly("answered", "answered", hex(JPEG_A));
        assertThat(listener.skipped).as("oversize is not counted again as skipped").isZero();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void passesAFramePayloadOfExactlyMaxFrameSize() {
        EmbeddedChannel channel = channel(JPEG_A.length);

        channel.writeInbound(Unpooled.wrappedBuffer(concat(videogram(0x02, JPEG_A), videogram(0x02, JPEG_B))));

        assertThat(seen).containsExactly("answered", hex(JPEG_A), "answered");
        assertThat(listener.oversize).isEqualTo(1);
    }

    @Test
    void takesControlVideogramsOfUpTo1000Bytes() {
        EmbeddedChannel channel = channel(1 << 20);

        channel.writeInbound(Unpooled.wrappedBuffer(concat(videogram(0x7E, new byte[1000]), videogram(0x02, JPEG_A))));

        assertThat(seen).containsExactly("answered", hex(JPEG_A));
        assertThat(listener.skipped).isEqualTo(1008);
    }

    @Test
    void failsForGoodOnAControlVideogramLongerThan1000Bytes() {
        EmbeddedChannel channel = channel(1 << 20);
        byte[] stream = concat(videogram(0x02, JPEG_A), videogram(0x01, new byte[1001]), videogram(0x02, JPEG_A));

        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(stream)))
                .isInstanceOf(DecoderException.class)
                .cause().isInstanceOf(ProtocolException.class)
                .hasMessage("out of step with the camera's videograms: header 01000000000003e9 cannot be right, type"
                            + " 0x01 announces 1001 bytes, more than the 1000 any type but video carries");
        channel.writeInbound(Unpooled.wrappedBuffer(videogram(0x02, JPEG_A)));

        assertThat(seen).as("nothing after the bad header").containsExactly("answered", hex(JPEG_A));
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void failsOnAHeaderWhoseBytesOneToThreeAreNotZero() {
        EmbeddedChannel channel = channel(1 << 20);
        byte[] header = { 0x02, 0, 1, 0, 0, 0, 0, 4 };

        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(header)))
                .cause().isInstanceOf(ProtocolException.class)
                .hasMessageContaining("header 0200010000000004 cannot be right, its bytes 1-3 are not zero");
    }

    @Test
    void aBadHeaderClosesTheConnectionWithItsReason() {
        EmbeddedChannel channel = new EmbeddedChannel(new VideogramDecoder(1 << 20, listener),
                new CameraConnectionHandler(null, null, 5000));

        channel.writeInbound(Unpooled.wrappedBuffer(TestJpegs.ascii("GARBAGE!GARBAGE!")));

        assertThat(channel.isOpen()).isFalse();
        assertThat(CameraConnectionHandler.closeReason(channel))
                .isEqualTo("out of step with the camera's videograms: header 4741524241474521 cannot be right, its"
                           + " bytes 1-3 are not zero");
    }

    @Test
    void passesAnEmptyFramePayloadOnForTheJpegCheck() {
        EmbeddedChannel channel = channel(1 << 20);

        channel.writeInbound(Unpooled.wrappedBuffer(videogram(0x02, new byte[0])));

        assertThat(seen).containsExactly("answered", "");
    }

    private EmbeddedChannel channel(int maxFrameSize) {
        return new EmbeddedChannel(new VideogramDecoder(maxFrameSize, listener), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf payload = (ByteBuf) msg;
                seen.add(ByteBufUtil.hexDump(payload));
                payload.release();
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                assertThat(evt).isSameAs(VideogramDecoder.FRAME_ANSWERED);
                seen.add("answered");
            }
        });
    }

    static byte[] videogram(int type, byte[] payload) {
        return Videogram.encode(type, payload);
    }

    private static String hex(byte[] bytes) {
        return ByteBufUtil.hexDump(bytes);
    }

    @Test
    void encodesHeadersAsTheRosDriverDoes() {
        assertThat(hex(Videogram.frameRequest())).isEqualTo("8500000000000000");
        ByteBuf size = Videogram.imageSize(640, 480);
        assertThat(ByteBufUtil.hexDump(size)).isEqualTo("8800000000000004028001e0");
        size.release();
        assertThat(Arrays.copyOf(videogram(0x02, new byte[0x012345]), 8))
                .containsExactly(0x02, 0, 0, 0, 0, 0x01, 0x23, 0x45);
    }
}
