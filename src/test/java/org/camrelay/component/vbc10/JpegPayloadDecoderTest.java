package org.camrelay.component.vbc10;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camrelay.component.vbc10.TestJpegs.ascii;
import static org.camrelay.component.vbc10.TestJpegs.bytes;
import static org.camrelay.component.vbc10.TestJpegs.concat;
import static org.camrelay.component.vbc10.TestJpegs.slice;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class JpegPayloadDecoderTest {

    private static final byte[] BASELINE = TestJpegs.baseline(64, 48, 3);

    private final RecordingListener listener = new RecordingListener();
    private final EmbeddedChannel channel = new EmbeddedChannel(new JpegPayloadDecoder(1 << 20, listener));

    @Test
    void passesAPayloadThatIsOneWholeJpegAsAFrame() {
        byte[] withThumbnail = TestJpegs.withExifThumbnail(BASELINE, TestJpegs.baseline(8, 8, 9));
        for (byte[] jpeg : List.of(BASELINE, TestJpegs.progressive(40, 30, 4), TestJpegs.withRestarts(48, 32, 5, 2),
                withThumbnail)) {
            ByteBuf payload = Unpooled.wrappedBuffer(jpeg);
            channel.writeInbound(payload);

            JpegFrame frame = channel.readInbound();
            assertThat(ByteBufUtil.getBytes(frame.content())).isEqualTo(jpeg);
            frame.release();
            assertThat(payload.refCnt()).isZero();
        }
        JpegFrame frame = frameOf(BASELINE);
        assertThat(frame.width()).isEqualTo(64);
        assertThat(frame.height()).isEqualTo(48);
        frame.release();
        assertThat(listener.corrupt).isEmpty();
        assertThat(listener.skipped).isZero();
    }

    @Test
    void aPayloadCutShortAnywhereIsCorruptNeverAFrame() {
        for (int cut = 1; cut < BASELINE.length; cut++) {
            listener.corrupt.clear();
            ByteBuf payload = Unpooled.wrappedBuffer(slice(BASELINE, 0, cut));

            channel.writeInbound(payload);

            assertThat((Object) channel.readInbound()).as("cut at %d", cut).isNull();
            assertThat(listener.corrupt).as("cut at %d", cut).hasSize(1);
            assertThat(payload.refCnt()).isZero();
        }
        listener.corrupt.clear();
        channel.writeInbound(Unpooled.wrappedBuffer(slice(BASELINE, 0, BASELINE.length / 2)));
        assertThat(listener.corrupt).singleElement().asString()
                .startsWith("truncated: the video payload of " + BASELINE.length / 2 + " bytes ends before EOI");
    }

    @Test
    void anythingButOneWholeJpegIsCorrupt() {
        assertCorrupt(new byte[0], "an empty video payload");
        assertCorrupt(ascii("no picture here"), "no JPEG in a video payload of 15 bytes");
        assertCorrupt(concat(ascii("junk"), BASELINE), "4 bytes that are no JPEG in a video payload of "
                                                       + (BASELINE.length + 4) + " bytes");
        assertCorrupt(concat(BASELINE, bytes(0, 0, 0)), "3 bytes that are no JPEG in a video payload of "
                                                        + (BASELINE.length + 3) + " bytes");
        assertCorrupt(concat(BASELINE, BASELINE), "more than one picture in a video payload of "
                                                  + 2 * BASELINE.length + " bytes");
        assertCorrupt(concat(BASELINE, slice(BASELINE, 0, 100)), "more than one picture in a video payload of "
                                                                 + (BASELINE.length + 100) + " bytes");
        assertCorrupt(concat(slice(BASELINE, 0, BASELINE.length - 10), BASELINE),
                "truncated: a new frame began before EOI");
        assertCorrupt(bytes(0xFF, 0xD8, 0x12, 0x34), "expected a marker, found 0x12");
        assertThat(listener.skipped).as("reported as corrupt, not as skipped").isZero();
        assertThat(listener.oversize).isZero();
    }

    @Test
    void aPayloadOverMaxFrameSizeIsOversize() {
        EmbeddedChannel small = new EmbeddedChannel(new JpegPayloadDecoder(BASELINE.length - 1, listener));

        small.writeInbound(Unpooled.wrappedBuffer(BASELINE));

        assertThat((Object) small.readInbound()).isNull();
        assertThat(listener.oversize).isEqualTo(1);
        assertThat(listener.corrupt).isEmpty();
    }

    private JpegFrame frameOf(byte[] jpeg) {
        channel.writeInbound(Unpooled.wrappedBuffer(jpeg));
        return channel.readInbound();
    }

    private void assertCorrupt(byte[] payload, String reason) {
        listener.corrupt.clear();
        ByteBuf buffer = Unpooled.wrappedBuffer(payload);

        channel.writeInbound(buffer);

        assertThat((Object) channel.readInbound()).as(reason).isNull();
        assertThat(listener.corrupt).containsExactly(reason);
        if (payload.length > 0) { // the shared empty buffer is never released
            assertThat(buffer.refCnt()).isZero();
        }
    }
}
