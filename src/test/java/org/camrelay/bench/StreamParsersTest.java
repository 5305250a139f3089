package org.camrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The response head, chunked, FLV and MJPEG parsers on whole responses cut at every byte: in two at each
 * position (so through every chunk header, part header and tag header) and into single bytes.
 */
class StreamParsersTest {

    /** A frame as the parsers report it. */
    private record Frame(long millis, long sequence) {
    }

    /** The frames and the head of one response, parsed as a viewer connection parses it. */
    private static final class Viewer {
        final HttpResponseParser head = new HttpResponseParser();
        final List<Frame> frames = new ArrayList<>();
        final BodyParser stream;
        BodyParser body;

        Viewer(boolean flv) {
            FrameSink sink = (millis, sequence) -> frames.add(new Frame(millis, sequence));
            stream = flv ? new FlvParser(sink) : new MjpegParser(sink);
        }

        void feed(ByteBuffer bytes) throws ProtocolException {
            if (body == null && head.parse(bytes)) {
                body = head.chunked() ? new ChunkedDecoder(stream) : stream;
            }
            if (body != null) {
                body.parse(bytes);
            }
        }
    }

    private static final byte[] FLV_HEAD = ascii("HTTP/1.1 200 OK\r\nContent-Type: video/x-flv\r\n"
            + "x-stream-epoch: 1700000000000\r\nTransfer-Encoding: chunked\r\n\r\n");
    private static final byte[] MJPEG_HEAD = ascii("HTTP/1.1 200 OK\r\n"
            + "Content-Type: multipart/x-mixed-replace;boundary=camrelayframe\r\nTransfer-Encoding: chunked\r\n\r\n");

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] flvTag(int type, long timestamp, int dataSize) {
        ByteBuffer tag = ByteBuffer.allocate(11 + dataSize + 4);
        tag.put((byte) type).put((byte) (dataSize >> 16)).put((byte) (dataSize >> 8)).put((byte) dataSize);
        tag.put((byte) (timestamp >> 16)).put((byte) (timestamp >> 8)).put((byte) timestamp).put((byte) (timestamp >> 24));
        tag.put(new byte[3]);
        for (int i = 0; i < dataSize; i++) {
            // Bytes that would look like tag headers, boundaries or CRLFs if the parser lost its place.
            tag.put((byte) "\r\n--camrelayframe\t\u0009".charAt(i % 17));
        }
        return tag.putInt(11 + dataSize).array();
    }

    private static byte[] flvBody() {
        return concat(new byte[] {'F', 'L', 'V', 1, 1, 0, 0, 0, 9, 0, 0, 0, 0},
                flvTag(18, 0, 30), flvTag(9, 0, 40), flvTag(8, 10, 5), flvTag(9, 250, 0),
                flvTag(9, 0x01_23_45_67L, 300));
    }

    private static byte[] mjpegPart(long sequence, long receivedAt, int length) {
        byte[] jpeg = new byte[length];
        Arrays.fill(jpeg, (byte) '-');
        return concat(ascii("--camrelayframe\r\nContent-Type: image/jpeg\r\nContent-Length: " + length
                + "\r\nX-Frame-Seq: " + sequence + "\r\nX-Received-At: " + receivedAt + "\r\n\r\n"), jpeg, ascii("\r\n"));
    }

    private static byte[] mjpegBody() {
        return concat(mjpegPart(7, 1_700_000_000_100L, 50), mjpegPart(8, 1_700_000_000_267L, 0),
                mjpegPart(10, 1_700_000_000_600L, 200));
    }

    /** Chunked encoding in chunks of the given sizes (the last takes the rest), with an extension and a trailer. */
    private static byte[] chunked(byte[] body, int... sizes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        for (int i = 0; at < body.length; i++) {
            int size = i < sizes.length ? Math.min(sizes[i], body.length - at) : body.length - at;
            out.writeBytes(ascii(Integer.toHexString(size) + (i == 1 ? ";name=value" : "") + "\r\n"));
            out.write(body, at, size);
            out.writeBytes(ascii("\r\n"));
            at += size;
        }
        out.writeBytes(ascii("0\r\nX-Trailer: yes\r\n\r\n"));
        return out.toByteArray();
    }

    /** Parses {@code response} whole, cut in two at every position, and byte by byte; all must agree. */
    private static List<Frame> parseEveryWay(boolean flv, byte[] response) throws ProtocolException {
        Viewer whole = new Viewer(flv);
        whole.feed(ByteBuffer.wrap(response));
        for (int cut = 1; cut < response.length; cut++) {
            Viewer split = new Viewer(flv);
            split.feed(ByteBuffer.wrap(response, 0, cut));
            split.feed(ByteBuffer.wrap(response, cut, response.length - cut));
            assertThat(split.frames).as("cut at %d", cut).isEqualTo(whole.frames);
        }
        Viewer bytewise = new Viewer(flv);
        for (int i = 0; i < response.length; i++) {
            bytewise.feed(ByteBuffer.wrap(response, i, 1));
        }
        assertThat(bytewise.frames).isEqualTo(whole.frames);
        return whole.frames;
    }

    @Test
    void flvVideoTagsAreReportedWithTheirTimestampsThroughChunkedEncoding() throws ProtocolException {
        List<Frame> frames = parseEveryWay(true, concat(FLV_HEAD, chunked(flvBody(), 5, 20, 1, 60, 3)));
        assertThat(frames).containsExactly(new Frame(0, -1), new Frame(250, -1), new Frame(0x01_23_45_67L, -1));
    }

    @Test
    void flvWithoutChunkedEncodingAndTheStreamEpochHeader() throws ProtocolException {
        Viewer viewer = new Viewer(true);
        viewer.feed(ByteBuffer.wrap(concat(FLV_HEAD, chunked(flvBody()))));
        assertThat(viewer.head.status()).isEqualTo(200);
        assertThat(viewer.head.streamEpoch()).isEqualTo(1_700_000_000_000L);
        byte[] plain = concat(ascii("HTTP/1.0 200 OK\r\nContent-Type: video/x-flv\r\n\r\n"), flvBody());
        assertThat(parseEveryWay(true, plain)).hasSize(3);
    }

    @Test
    void mjpegPartsAreReportedWithTheirSequenceAndReceiveTime() throws ProtocolException {
        List<Frame> expected = List.of(new Frame(1_700_000_000_100L, 7), new Frame(1_700_000_000_267L, 8),
                new Frame(1_700_000_000_600L, 10));
        assertThat(parseEveryWay(false, concat(MJPEG_HEAD, chunked(mjpegBody(), 7, 70, 2, 90)))).isEqualTo(expected);
        byte[] plain = concat(ascii("HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace\r\n\r\n"), mjpegBody());
        assertThat(parseEveryWay(false, plain)).isEqualTo(expected);
    }

    @Test
    void aRefusalIsAStatusWithoutABody() throws ProtocolException {
        HttpResponseParser head = new HttpResponseParser();
        ByteBuffer bytes = ByteBuffer.wrap(ascii("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\n\r\nfull\n"));
        assertThat(head.parse(bytes)).isTrue();
        assertThat(head.status()).isEqualTo(503);
        assertThat(head.streamEpoch()).isEqualTo(-1);
        assertThat(bytes.remaining()).isEqualTo(5);
    }

    @Test
    void streamsThatLoseTheirPlaceFail() {
        byte[] flv = flvBody();
        flv[flv.length - 1]++;
        assertThatThrownBy(() -> new FlvParser((m, s) -> { }).parse(ByteBuffer.wrap(flv)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("PreviousTagSize");
        assertThatThrownBy(() -> new FlvParser((m, s) -> { }).parse(ByteBuffer.wrap(ascii("<html>"))))
                .hasMessageContaining("not an FLV stream");
        byte[] unstamped = ascii("--camrelayframe\r\nContent-Length: 3\r\n\r\nabc\r\n");
        assertThatThrownBy(() -> new MjpegParser((m, s) -> { }).parse(ByteBuffer.wrap(unstamped)))
                .hasMessageContaining("X-Received-At");
        assertThatThrownBy(() -> new ChunkedDecoder(b -> { }).parse(ByteBuffer.wrap(ascii("zz\r\n"))))
                .hasMessageContaining("chunk size");
        assertThatThrownBy(() -> new HttpResponseParser().parse(ByteBuffer.wrap(ascii("ICY 200 OK\r\n"))))
                .hasMessageContaining("status line");
    }

    @Test
    void histogramPercentilesAreAtMostABucketHigh() {
        Histogram histogram = new Histogram(100, 10_000);
        for (int value = 1; value <= 1000; value++) {
            histogram.record(value * 10L);
        }
        histogram.record(50_000);
        assertThat(histogram.percentile(50)).isEqualTo(5100);
        assertThat(histogram.percentile(99)).isEqualTo(10_000);
        assertThat(histogram.percentile(100)).isEqualTo(50_000);
        assertThat(histogram.max()).isEqualTo(50_000);
        assertThat(histogram.countAbove(9950)).isEqualTo(2);
        assertThat(new Histogram(100, 10_000).percentile(99)).isZero();
    }
}
