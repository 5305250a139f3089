package org.camrelay.component.vbc10;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camrelay.component.vbc10.JpegFrameDecoderTest.assertFrame;
import static org.camrelay.component.vbc10.JpegFrameDecoderTest.drain;
import static org.camrelay.component.vbc10.TestJpegs.ascii;
import static org.camrelay.component.vbc10.TestJpegs.concat;
import static org.camrelay.component.vbc10.TestJpegs.slice;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MultipartStreamDecoderTest {

    private static byte[] first;
    private static byte[] second;

    private final RecordingListener listener = new RecordingListener();
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @BeforeAll
    static void images() {
        first = TestJpegs.baseline(48, 32, 11);
        second = TestJpegs.progressive(40, 24, 12);
    }

    @AfterEach
    void closeChannels() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    @Test
    void readsTheBoundaryFromTheContentType() {
        assertThat(MultipartStreamDecoder.boundaryOf("multipart/x-mixed-replace;boundary=frame")).isEqualTo("frame");
        assertThat(MultipartStreamDecoder.boundaryOf("Multipart/X-Mixed-Replace; charset=x; Boundary=\"--my frame\""))
                .isEqualTo("--my frame");
        assertThat(MultipartStreamDecoder.boundaryOf("multipart/x-mixed-replace ; boundary = --cam ")).isEqualTo("--cam");
        assertThat(MultipartStreamDecoder.boundaryOf("multipart/x-mixed-replace")).isNull();
        assertThat(MultipartStreamDecoder.boundaryOf("multipart/x-mixed-replace; boundary=\"\"")).isNull();
        assertThat(MultipartStreamDecoder.boundaryOf("image/jpeg; boundary=frame")).isNull();
        assertThat(MultipartStreamDecoder.boundaryOf(null)).isNull();
        assertThatThrownBy(() -> new MultipartStreamDecoder("--", listener)).hasMessageContaining("boundary");
        assertThatThrownBy(() -> new MultipartStreamDecoder("", listener)).hasMessageContaining("boundary");
    }

    @Test
    void passesOnTheBodiesOfStandardParts() {
        byte[] stream = concat(part("--frame", first, true), part("--frame", second, true), ascii("--frame--\r\n"));

        assertThat(bodies("frame", stream)).isEqualTo(concat(first, second));
        assertThat(listener.skipped).isZero();
    }

    @Test
    void toleratesBoundariesWithOrWithoutLeadingDashes() {
        byte[] cameraStyle = concat(part("--cam", first, true), part("--cam", second, true));
        byte[] strict = concat(part("----cam", first, true), part("----cam", second, true));

        assertThat(bodies("--cam", cameraStyle)).isEqualTo(concat(first, second));
        assertThat(bodies("cam", cameraStyle)).isEqualTo(concat(first, second));
        assertThat(bodies("--cam", strict)).isEqualTo(concat(first, second));
        assertThat(listener.skipped).isZero();
    }

    @Test
    void acceptsBareLineFeedsAndTransportPadding() {
        byte[] stream = concat(ascii("--b  \nContent-Type: image/jpeg\n\n"), first, ascii("\n--b\t\n\n"), second,
                ascii("\n--b--"));

        assertThat(bodies("b", stream)).isEqualTo(concat(first, second));
    }

    @Test
    void readsBothWebViewBoundariesWithLineFeedOnlyFraming() {
        // [spec 4.2.1] "--LivescopeImage" up to the VB-C300, "--boundary" from the VB-C60; WebView bodies end lines
        // with LF only [spec 1.1]
        for (String boundary : List.of("LivescopeImage", "boundary")) {
            byte[] stream = concat(lfPart("--" + boundary, first), lfPart("--" + boundary, second),
                    ascii("--" + boundary + "--\n"));

            assertThat(bodies(boundary, stream)).as(boundary).isEqualTo(concat(first, second));
        }
        assertThat(listener.skipped).isZero();
    }

    @Test
    void takesTheBoundaryFromTheBodyWhenTheContentTypeHasNone() {
        byte[] stream = concat(ascii("\n"), lfPart("--LivescopeImage", first), lfPart("--LivescopeImage", second));

        assertThat(bodies(null, stream)).isEqualTo(concat(first, second));
        assertThat(listener.skipped).isZero();
    }

    @Test
    void skipsAndCountsABodyThatOpensWithNoBoundary() {
        byte[] stream = concat(ascii("<html>not a stream</html>\n"), first);

        assertThat(bodies(null, stream)).isEmpty();
        assertThat(listener.skipped).isEqualTo(stream.length);
    }

    @Test
    void tellsWhenTheClosingBoundaryArrivesOnce() {
        int[] closings = {0};
        MultipartStreamDecoder decoder = new MultipartStreamDecoder("boundary", listener, () -> closings[0]++);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        channels.add(channel);

        channel.writeInbound(Unpooled.wrappedBuffer(concat(lfPart("--boundary", first), ascii("--boundary--"))));
        assertThat(decoder.ended()).as("before the closing boundary's line break").isFalse();
        channel.writeInbound(Unpooled.wrappedBuffer(ascii("\n--boundary--\n")));

        assertThat(decoder.ended()).isTrue();
        assertThat(closings[0]).isEqualTo(1);
        ByteArrayOutputStream passed = new ByteArrayOutputStream();
        readBodies(channel, passed);
        assertThat(passed.toByteArray()).isEqualTo(first);
    }

    @Test
    void ignoresPreambleAndEpilogueWithoutCountingThem() {
        byte[] stream = concat(ascii("\r\nThis is a preamble\r\n"), part("--frame", first, true), ascii("--frame--\r\n"),
                ascii("epilogue\r\n--frame\r\n\r\n"), second);

        assertThat(bodies("frame", stream)).isEqualTo(first);
        assertThat(listener.skipped).isZero();
    }

    @Test
    void skipsAndCountsPartsThatAreNotJpeg() {
        byte[] text = ascii("camera status: ok\r\n--not-a-boundary");
        byte[] stream = concat(part("--frame", first, true), part("--frame", text, false), part("--frame", ascii("x"), false),
                part("--frame", new byte[0], false), part("--frame", second, true));

        assertThat(bodies("frame", stream)).isEqualTo(concat(first, second));
        assertThat(listener.skipped).isEqualTo(text.length + 1);
    }

    @Test
    void keepsBoundaryLookalikesInTheBody() {
        byte[] comment = ascii("--framework\r\n--fram\r\n-frame\r\n- -frame\r\n");
        byte[] jpeg = TestJpegs.insertAfterSoi(first, TestJpegs.segment(0xFE, comment));

        assertThat(bodies("frame", concat(part("--frame", jpeg, true), part("--frame", second, true))))
                .isEqualTo(concat(jpeg, second));
    }

    @Test
    void findsBoundariesWithoutTheLineBreakBeforeThem() {
        byte[] noise = ascii("\u0001noise\r\n-\r");
        byte[] stream = concat(ascii("--frame\r\n\r\n"), first, ascii("--frame\r\n\r\n"), second, ascii("\r\n"),
                noise, ascii("--frame\r\n\r\n"), first);

        byte[] noiseWithoutLineBreak = slice(noise, 0, noise.length - 1);
        assertThat(bodies("frame", stream)).isEqualTo(concat(first, second, ascii("\r\n"), noiseWithoutLineBreak, first));
    }

    @Test
    void decodesFramesWhereverTheStreamIsSplit() {
        byte[] stream = concat(part("--frame", first, true), part("--frame", ascii("ok"), false),
                part("--frame", second, true));
        for (int split = 0; split <= stream.length; split++) {
            RecordingListener counts = new RecordingListener();
            EmbeddedChannel channel = new EmbeddedChannel(new MultipartStreamDecoder("frame", counts),
                    new JpegFrameDecoder(1 << 20, counts));
            channel.writeInbound(Unpooled.wrappedBuffer(slice(stream, 0, split)));
            channel.writeInbound(Unpooled.wrappedBuffer(slice(stream, split, stream.length)));

            List<JpegFrame> frames = drain(channel);
            assertThat(frames).as("split at %d", split).hasSize(2);
            assertFrame(frames.get(0), first, 48, 32);
            assertFrame(frames.get(1), second, 40, 24);
            assertThat(counts.skipped).as("split at %d", split).isEqualTo(2);
            assertThat(channel.finishAndReleaseAll()).isFalse();
        }
    }

    @Test
    void passesBodiesOnAsTheyArriveHoldingBackOnlyAPossibleBoundary() {
        byte[] firstPart = part("--frame", first, true);
        int bodyStart = firstPart.length - first.length - 2;
        int maxHeldBack = "\r\n--frame".length();
        byte[] stream = concat(firstPart, part("--frame", second, true));
        EmbeddedChannel channel = channel("frame");
        ByteArrayOutputStream passed = new ByteArrayOutputStream();
        for (int i = 0; i < stream.length; i++) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] { stream[i] }));
            readBodies(channel, passed);
            int bodyBytesFed = Math.min(i + 1 - bodyStart, first.length);
            assertThat(passed.size()).as("after byte %d", i).isGreaterThanOrEqualTo(bodyBytesFed - maxHeldBack);
        }

        assertThat(passed.toByteArray()).isEqualTo(concat(first, second));
    }

    @Test
    void resynchronisesAfterOverlongPartHeaders() {
        byte[] junkHeaders = concat(ascii("--frame\r\nX-Junk: "), new byte[10_000], ascii("\r\n\r\n"), first);
        byte[] stream = concat(junkHeaders, ascii("\r\n"), part("--frame", second, true));

        assertThat(bodies("frame", stream)).isEqualTo(second);
        assertThat(listener.skipped).isEqualTo(junkHeaders.length - "--frame\r\n".length());
    }

    private byte[] bodies(String boundary, byte[] stream) {
        EmbeddedChannel channel = channel(boundary);
        ByteArrayOutputStream passed = new ByteArrayOutputStream();
        for (int i = 0; i < stream.length; i += 5) {
            channel.writeInbound(Unpooled.wrappedBuffer(stream, i, Math.min(5, stream.length - i)));
            readBodies(channel, passed);
        }
        return passed.toByteArray();
    }

    private EmbeddedChannel channel(String boundary) {
        EmbeddedChannel channel = new EmbeddedChannel(new MultipartStreamDecoder(boundary, listener));
        channels.add(channel);
        return channel;
    }

    private static void readBodies(EmbeddedChannel channel, ByteArrayOutputStream passed) {
        for (ByteBuf body = channel.readInbound(); body != null; body = channel.readInbound()) {
            passed.writeBytes(ByteBufUtil.getBytes(body));
            body.release();
        }
    }

    /** One part as Canon's specification shows it, lines ending in LF only. */
    private static byte[] lfPart(String delimiter, byte[] jpeg) {
        return concat(ascii(delimiter + "\nContent-Type: image/jpeg\nContent-Length: " + jpeg.length + "\n\n"), jpeg,
                ascii("\n"));
    }

    /** One part: delimiter line, headers, blank line, body, CRLF. */
    private static byte[] part(String delimiter, byte[] body, boolean jpeg) {
        String headers = "Content-Type: " + (jpeg ? "image/jpeg" : "text/plain") + "\r\nContent-Length: " + body.length;
        return concat(ascii(delimiter + "\r\n" + headers + "\r\n\r\n"), body, ascii("\r\n"));
    }
}
