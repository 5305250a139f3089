package org.camrelay.component.vbc10;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camrelay.component.vbc10.TestJpegs.ascii;
import static org.camrelay.component.vbc10.TestJpegs.bytes;
import static org.camrelay.component.vbc10.TestJpegs.concat;
import static org.camrelay.component.vbc10.TestJpegs.slice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JpegFrameDecoderTest {

    private static final int MAX_FRAME_SIZE = 4 * 1024 * 1024;

    private static byte[] baseline;
    private static byte[] progressive;

    private final RecordingListener listener = new RecordingListener();
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @BeforeAll
    static void images() {
        baseline = TestJpegs.baseline(48, 32, 1);
        progressive = TestJpegs.progressive(40, 24, 2);
    }

    @AfterEach
    void closeChannels() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    @Test
    void decodesOneFrameWithItsSize() {
        byte[] jpeg = TestJpegs.baseline(320, 240, 3);
        assertThat(lumaSampling(jpeg)).as("4:2:0 like a camera").isEqualTo(0x22);

        List<JpegFrame> frames = decode(channel(), jpeg);

        assertThat(frames).hasSize(1);
        assertFrame(frames.get(0), jpeg, 320, 240);
        assertThat(listener.skipped).isZero();
        assertThat(listener.corrupt).isEmpty();
    }

    @Test
    void readsTheSizeFromProgressiveFrameHeaders() {
        assertThat(TestJpegs.indexOf(progressive, bytes(0xFF, 0xC2), 0)).as("SOF2").isPositive();

        List<JpegFrame> frames = decode(channel(), progressive);

        assertThat(frames).hasSize(1);
        assertFrame(frames.get(0), progressive, 40, 24);
    }

    @Test
    void findsBothFramesWhereverTheStreamIsSplit() {
        byte[] stream = concat(baseline, progressive);
        for (int split = 0; split <= stream.length; split++) {
            RecordingListener counts = new RecordingListener();
            EmbeddedChannel channel = new EmbeddedChannel(new JpegFrameDecoder(MAX_FRAME_SIZE, counts));
            channel.writeInbound(Unpooled.wrappedBuffer(slice(stream, 0, split)));
            channel.writeInbound(Unpooled.wrappedBuffer(slice(stream, split, stream.length)));

            List<JpegFrame> frames = drain(channel);
            assertThat(frames).as("split at %d", split).hasSize(2);
            assertFrame(frames.get(0), baseline, 48, 32);
            assertFrame(frames.get(1), progressive, 40, 24);
            assertThat(counts.skipped + counts.corrupt.size()).as("split at %d", split).isZero();
            assertThat(channel.finishAndReleaseAll()).isFalse();
        }
    }

    @Test
    void findsBothFramesFedByteByByte() {
        EmbeddedChannel channel = channel();
        byte[] stream = concat(baseline, progressive);
        List<JpegFrame> frames = new ArrayList<>();
        for (byte b : stream) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] { b }));
            frames.addAll(drain(channel));
        }

        assertThat(frames).hasSize(2);
        assertFrame(frames.get(0), baseline, 48, 32);
        assertFrame(frames.get(1), progressive, 40, 24);
        assertThat(listener.skipped).isZero();
    }

    @Test
    void countsGarbageBeforeBetweenAndAfterFramesExactly() {
        byte[] before = ascii("HTTP noise\r\n");
        byte[] between = bytes(0x00, 0xFF, 0x00, 0xFF, 0xD9, 0x41, 0xFF, 0xFF, 0x10);
        byte[] after = bytes(0x01, 0x02, 0x03);
        byte[] stream = concat(before, baseline, between, progressive, after);
        EmbeddedChannel channel = channel();
        List<JpegFrame> frames = new ArrayList<>();
        for (int i = 0; i < stream.length; i += 7) {
            channel.writeInbound(Unpooled.wrappedBuffer(stream, i, Math.min(7, stream.length - i)));
            frames.addAll(drain(channel));
        }

        assertThat(frames).hasSize(2);
        assertFrame(frames.get(0), baseline, 48, 32);
        assertFrame(frames.get(1), progressive, 40, 24);
        assertThat(listener.skipped).isEqualTo(before.length + between.length + after.length);
        assertThat(listener.corrupt).isEmpty();
    }

    @Test
    void keepsAnExifThumbnailInsideItsFrame() {
        byte[] thumbnail = TestJpegs.baseline(16, 8, 4);
        byte[] jpeg = TestJpegs.withExifThumbnail(TestJpegs.baseline(64, 48, 5), thumbnail);

        List<JpegFrame> frames = decode(channel(), concat(jpeg, baseline));

        assertThat(frames).hasSize(2);
        assertFrame(frames.get(0), jpeg, 64, 48);
        assertFrame(frames.get(1), baseline, 48, 32);
        assertThat(listener.corrupt).isEmpty();
    }

    @Test
    void dropsAFrameTruncatedInItsEntropyCodedDataAndKeepsTheNextIntact() {
        byte[] truncated = slice(progressive, 0, progressive.length * 2 / 3);

        List<JpegFrame> frames = decode(channel(), concat(truncated, baseline));

        assertThat(frames).hasSize(1);
        assertFrame(frames.get(0), baseline, 48, 32);
        assertThat(listener.corrupt).hasSize(1).allMatch(reason -> reason.startsWith("truncated"));
        assertThat(listener.skipped).isZero();
    }

    @Test
    void dropsAFrameTruncatedBetweenSegments() {
        int startOfScan = TestJpegs.indexOf(baseline, bytes(0xFF, 0xDA), 0);
        byte[] truncated = slice(baseline, 0, startOfScan);

        List<JpegFrame> frames = decode(channel(), concat(truncated, progressive));

        assertThat(frames).hasSize(1);
        assertFrame(frames.get(0), progressive, 40, 24);
        assertThat(listener.corrupt).hasSize(1);
    }

    @Test
    void dropsAnOversizedFrameWithBoundedMemoryAndKeepsTheNextIntact() {
        UnpooledByteBufAllocator allocator = new UnpooledByteBufAllocator(false);
        EmbeddedChannel channel = new EmbeddedChannel(new JpegFrameDecoder(64 * 1024, listener));
        channels.add(channel);
        channel.config().setAllocator(allocator);
        byte[] huge = TestJpegs.handBuilt(640, 480, TestJpegs.entropyCoded(10 * 1024 * 1024, 6));
        byte[] stream = concat(huge, baseline);

        int chunk = 64 * 1024;
        long maxHeld = 0;
        List<JpegFrame> frames = new ArrayList<>();
        for (int i = 0; i < stream.length; i += chunk) {
            int length = Math.min(chunk, stream.length - i);
            channel.writeInbound(allocator.heapBuffer(length).writeBytes(stream, i, length));
            maxHeld = Math.max(maxHeld, allocator.metric().usedHeapMemory());
            frames.addAll(drain(channel));
        }

        assertThat(maxHeld).as("bytes held by the decoder").isLessThan(128 * 1024);
        assertThat(listener.oversize).isEqualTo(1);
        assertThat(listener.corrupt).isEmpty();
        assertThat(listener.skipped).isZero();
        assertThat(frames).hasSize(1);
        assertFrame(frames.get(0), baseline, 48, 32);
    }

    @Test
    void passesAFrameOfExactlyMaxFrameSizeAndDropsOneByteMore() {
        byte[] frame = TestJpegs.handBuilt(8, 8, TestJpegs.entropyCoded(1000, 7));
        EmbeddedChannel exact = new EmbeddedChannel(new JpegFrameDecoder(frame.length, listener));
        EmbeddedChannel smaller = new EmbeddedChannel(new JpegFrameDecoder(frame.length - 1, listener));
        channels.addAll(List.of(exact, smaller));

        assertThat(decode(exact, frame)).hasSize(1);
        assertThat(listener.oversize).isZero();
        assertThat(decode(smaller, frame)).isEmpty();
        assertThat(listener.oversize).isEqualTo(1);
    }

    @Test
    void dropsAFrameWhoseSegmentAloneExceedsMaxFrameSize() {
        byte[] bigComment = TestJpegs.segment(0xFE, new byte[60_000]);
        byte[] frame = TestJpegs.insertAfterSoi(baseline, bigComment);
        EmbeddedChannel channel = new EmbeddedChannel(new JpegFrameDecoder(50_000, listener));
        channels.add(channel);

        List<JpegFrame> frames = decode(channel, concat(frame, progressive));

        assertThat(listener.oversize).isEqualTo(1);
        assertThat(frames).hasSize(1);
        assertFrame(frames.get(0), progressive, 40, 24);
    }

    @Test
    void keepsRestartMarkersInsideTheFrame() {
        byte[] jpeg = TestJpegs.withRestarts(64, 64, 8, 1);
        assertThat(TestJpegs.indexOf(jpeg, bytes(0xFF, 0xD0), 0)).as("RST0 present").isPositive();

        List<JpegFrame> frames = decode(channel(), concat(jpeg, baseline));

        assertThat(frames).hasSize(2);
        assertFrame(frames.get(0), jpeg, 64, 64);
        assertThat(listener.corrupt).isEmpty();
    }

    @Test
    void handlesStuffingRestartMarkersAndFillBytes() {
        byte[] entropy = bytes(0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD3, 0x56, 0xFF, 0x00, 0xFF, 0xD7, 0x78, 0xFF, 0xFF);
        byte[] withFill = TestJpegs.handBuilt(100, 50, entropy); // ends FF FF FF D9: fill bytes before EOI
        // fill bytes before a marker in the header too, and a TEM marker
        byte[] header = concat(bytes(0xFF, 0xD8, 0xFF, 0xFF, 0xFF, 0x01), slice(withFill, 2, withFill.length));

        List<JpegFrame> frames = decode(channel(), concat(withFill, header));

        assertThat(frames).hasSize(2);
        assertFrame(frames.get(0), withFill, 100, 50);
        assertFrame(frames.get(1), header, 100, 50);
        assertThat(listener.skipped + listener.corrupt.size()).isZero();
    }

    @Test
    void resynchronisesOnTheNextFrameAfterBrokenStructure() {
        byte[] badLength = concat(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01), ascii("junk"));
        byte[] stuffingInHeader = bytes(0xFF, 0xD8, 0xFF, 0x00, 0x42);
        byte[] noMarker = concat(bytes(0xFF, 0xD8), ascii("JFIF"));
        byte[] noFrameHeader = bytes(0xFF, 0xD8, 0xFF, 0xD9);

        List<JpegFrame> frames = decode(channel(),
                concat(badLength, baseline, stuffingInHeader, progressive, noMarker, baseline, noFrameHeader));

        assertThat(frames).hasSize(3);
        assertFrame(frames.get(0), baseline, 48, 32);
        assertFrame(frames.get(1), progressive, 40, 24);
        assertFrame(frames.get(2), baseline, 48, 32);
        assertThat(listener.corrupt).hasSize(4);
        assertThat(listener.corrupt.get(0)).contains("invalid length 1");
        assertThat(listener.corrupt.get(1)).contains("0xFF00");
        assertThat(listener.corrupt.get(2)).contains("expected a marker");
        assertThat(listener.corrupt.get(3)).contains("SOF");
        // each broken frame from the point where it broke up to the next SOI
        assertThat(listener.skipped).isEqualTo(8 + 3 + 4);
    }

    private EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel(new JpegFrameDecoder(MAX_FRAME_SIZE, listener));
        channels.add(channel);
        return channel;
    }

    private static List<JpegFrame> decode(EmbeddedChannel channel, byte[] stream) {
        channel.writeInbound(Unpooled.wrappedBuffer(stream));
        return drain(channel);
    }

    /** Reads the decoded frames, keeping copies of their bytes and releasing the buffers. */
    static List<JpegFrame> drain(EmbeddedChannel channel) {
        List<JpegFrame> frames = new ArrayList<>();
        for (JpegFrame frame = channel.readInbound(); frame != null; frame = channel.readInbound()) {
            frames.add(frame.replace(Unpooled.wrappedBuffer(ByteBufUtil.getBytes(frame.content()))));
            frame.release();
        }
        return frames;
    }

    static void assertFrame(JpegFrame frame, byte[] expected, int width, int height) {
        ByteBuf content = frame.content();
        assertThat(Arrays.equals(ByteBufUtil.getBytes(content), expected))
                .as("frame bytes (%d, expected %d)", content.readableBytes(), expected.length).isTrue();
        assertThat(frame.width()).isEqualTo(width);
        assertThat(frame.height()).isEqualTo(height);
    }

    /** The sampling factors of the first component in SOF0: 0x22 for 4:2:0. */
    private static int lumaSampling(byte[] jpeg) {
        int sof = TestJpegs.indexOf(jpeg, bytes(0xFF, 0xC0), 0);
        return jpeg[sof + 11] & 0xFF;
    }
}
