package org.camrelay.bench.stream;

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
 * The response head, chunked, FLV and MJPEG parsers, counting and keeping, on whole responses cut at every byte: in
 * two at each position (so through every chunk header, part header, delimiter and tag header) and into single bytes.
 */
class StreamParsersTest {

    /** A frame as the counting parsers report it. */
    private record Counted(long millis, long sequence) {
    }

    /**
     * One response parsed as a viewer parses it: the head, then the body's parser, which {@code format} makes from
     * the head and the list to fill, de-chunked if need be; {@code T} is what the list holds, compared as a string.
     */
    private static final class Viewer<T> {
        final HttpResponseParser head = new HttpResponseParser();
        final List<T> units = new ArrayList<>();
        final Format<T> format;
        BodyParser body;

        Viewer(Format<T> format) {
            this.format = format;
        }

        void feed(ByteBuffer bytes) throws ProtocolException {
            if (body == null && head.parse(bytes)) {
                body = head.body(format.parser(head, units));
            }
            if (body != null) {
                body.parse(bytes);
            }
        }
    }

    private interface Format<T> {
        BodyParser parser(HttpResponseParser head, List<T> units) throws ProtocolException;
    }

    private static final Format<Counted> COUNTED_FLV = (head, units) -> new FlvParser(
            (millis, sequence) -> units.add(new Counted(millis, sequence)));
    private static final Format<Counted> COUNTED_MJPEG = (head, units) -> new MjpegParser(head.boundary(),
            (millis, sequence) -> units.add(new Counted(millis, sequence)));
    private static final Format<String> KEPT_FLV = (head, units) -> FlvParser.keeping(
            tag -> units.add(Arrays.toString(tag.bytes())));
    private static final Format<String> KEPT_MJPEG = (head, units) -> MjpegParser.keeping(head.boundary(),
            frame -> units.add(describe(frame)));

    private static final byte[] FLV_HEAD = ascii("HTTP/1.1 200 OK\r\nContent-Type: video/x-flv\r\n"
            + "x-stream-epoch: 1700000000000\r\nTransfer-Encoding: chunked\r\n\r\n");
    private static final byte[] MJPEG_HEAD = ascii("HTTP/1.1 200 OK\r\n"
            + "Content-Type: multipart/x-mixed-replace;boundary=camrelayframe\r\nTransfer-Encoding: chunked\r\n\r\n");
    private static final byte[] FLV_FILE_HEADER = {'F', 'L', 'V', 1, 1, 0, 0, 0, 9, 0, 0, 0, 0};

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

    private static final List<byte[]> FLV_TAGS = List.of(flvTag(18, 0, 30), flvTag(9, 0, 40), flvTag(8, 10, 5),
            flvTag(9, 250, 0), flvTag(9, 0x01_23_45_67L, 300));

    private static byte[] flvBody() {
        return concat(FLV_FILE_HEADER, concat(FLV_TAGS.toArray(byte[][]::new)));
    }

    private static byte[] jpeg(int length) {
        byte[] jpeg = new byte[length];
        for (int i = 0; i < length; i++) {
            jpeg[i] = (byte) "--camrelayframe\r\n".charAt(i % 17);
        }
        return jpeg;
    }

    private static byte[] mjpegPart(long sequence, long receivedAt, int length) {
        return concat(ascii("--camrelayframe\r\nContent-Type: image/jpeg\r\nContent-Length: " + length
                + "\r\nX-Frame-Seq: " + sequence + "\r\nX-Received-At: " + receivedAt + "\r\n\r\n"), jpeg(length),
                ascii("\r\n"));
    }

    private static byte[] mjpegBody() {
        return concat(mjpegPart(7, 1_700_000_000_100L, 50), mjpegPart(8, 1_700_000_000_267L, 0),
                mjpegPart(10, 1_700_000_000_600L, 200));
    }

    private static String describe(MjpegParser.Frame frame) {
        return Arrays.toString(frame.before()) + " " + frame.contentType() + " " + Arrays.toString(frame.jpeg()) + " "
                + frame.sequence() + " " + frame.receivedAtMillis();
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
    private static <T> List<T> parseEveryWay(Format<T> format, byte[] response) throws ProtocolException {
        Viewer<T> whole = new Viewer<>(format);
        whole.feed(ByteBuffer.wrap(response));
        for (int cut = 1; cut < response.length; cut++) {
            Viewer<T> split = new Viewer<>(format);
            split.feed(ByteBuffer.wrap(response, 0, cut));
            split.feed(ByteBuffer.wrap(response, cut, response.length - cut));
            assertThat(split.units).as("cut at %d", cut).isEqualTo(whole.units);
        }
        Viewer<T> bytewise = new Viewer<>(format);
        for (int i = 0; i < response.length; i++) {
            bytewise.feed(ByteBuffer.wrap(response, i, 1));
        }
        assertThat(bytewise.units).isEqualTo(whole.units);
        return whole.units;
    }

    @Test
    void flvVideoTagsAreReportedWithTheirTimestampsThroughChunkedEncoding() throws ProtocolException {
        List<Counted> frames = parseEveryWay(COUNTED_FLV, concat(FLV_HEAD, chunked(flvBody(), 5, 20, 1, 60, 3)));
        assertThat(frames).containsExactly(new Counted(0, -1), new Counted(250, -1), new Counted(0x01_23_45_67L, -1));
    }

    @Test
    void flvWithoutChunkedEncodingAndTheStreamEpochHeader() throws ProtocolException {
        Viewer<Counted> viewer = new Viewer<>(COUNTED_FLV);
        viewer.feed(ByteBuffer.wrap(concat(FLV_HEAD, chunked(flvBody()))));
        assertThat(viewer.head.status()).isEqualTo(200);
        assertThat(viewer.head.streamEpoch()).isEqualTo(1_700_000_000_000L);
        byte[] plain = concat(ascii("HTTP/1.0 200 OK\r\nContent-Type: video/x-flv\r\n\r\n"), flvBody());
        assertThat(parseEveryWay(COUNTED_FLV, plain)).hasSize(3);
    }

    @Test
    void keptFlvTagsAreWholeAsOnTheWire() throws ProtocolException {
        List<String> expected = FLV_TAGS.stream().map(Arrays::toString).toList();
        assertThat(parseEveryWay(KEPT_FLV, concat(FLV_HEAD, chunked(flvBody(), 5, 20, 1, 60, 3)))).isEqualTo(expected);

        List<FlvParser.Tag> tags = FlvParser.tags(flvBody());
        assertThat(tags).extracting(FlvParser.Tag::type).containsExactly(18, 9, 8, 9, 9);
        FlvParser.Tag last = tags.get(4);
        assertThat(last.timestamp()).isEqualTo(0x01_23_45_67L);
        assertThat(last.dataSize()).isEqualTo(300);
        assertThat(last.data()).hasSize(300).startsWith((byte) '\r', (byte) '\n', (byte) '-');
        assertThat(last.previousTagSize()).isEqualTo(311);
        assertThat(last.streamId()).isZero();
        assertThat(FlvParser.tag(FLV_TAGS.get(1)).bytes()).isEqualTo(FLV_TAGS.get(1));

        FlvParser parser = FlvParser.keeping(tag -> { });
        assertThat(parser.fileHeader()).isNull();
        parser.parse(ByteBuffer.wrap(FLV_FILE_HEADER));
        assertThat(parser.fileHeader()).isEqualTo(FLV_FILE_HEADER);
    }

    @Test
    void aWholeFlvOrTagIsCheckedToTheEnd() {
        byte[] flv = flvBody();
        assertThatThrownBy(() -> FlvParser.tags(Arrays.copyOf(flv, flv.length - 1)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("ends within a tag");
        assertThatThrownBy(() -> FlvParser.tags(Arrays.copyOf(flv, 5))).hasMessageContaining("ends within its header");
        assertThatThrownBy(() -> FlvParser.tag(concat(FLV_TAGS.get(0), FLV_TAGS.get(1))))
                .hasMessageContaining("not one whole tag but 2");
        assertThatThrownBy(() -> FlvParser.tag(Arrays.copyOf(FLV_TAGS.get(0), 20)))
                .hasMessageContaining("not one whole tag but 0 and a part");
    }

    @Test
    void mjpegPartsAreReportedWithTheirSequenceAndReceiveTime() throws ProtocolException {
        List<Counted> expected = List.of(new Counted(1_700_000_000_100L, 7), new Counted(1_700_000_000_267L, 8),
                new Counted(1_700_000_000_600L, 10));
        assertThat(parseEveryWay(COUNTED_MJPEG, concat(MJPEG_HEAD, chunked(mjpegBody(), 7, 70, 2, 90))))
                .isEqualTo(expected);
        byte[] plain = concat(ascii("HTTP/1.1 200 OK\r\n"
                + "Content-Type: multipart/x-mixed-replace; boundary=\"camrelayframe\"\r\n\r\n"), mjpegBody());
        assertThat(parseEveryWay(COUNTED_MJPEG, plain)).isEqualTo(expected);
    }

    @Test
    void keptMjpegPartsHaveTheirJpegs() throws ProtocolException {
        List<String> kept = parseEveryWay(KEPT_MJPEG, concat(MJPEG_HEAD, chunked(mjpegBody(), 7, 70, 2, 90)));
        assertThat(kept).containsExactly("[] image/jpeg " + Arrays.toString(jpeg(50)) + " 7 1700000000100",
                "[] image/jpeg [] 8 1700000000267", "[] image/jpeg " + Arrays.toString(jpeg(200)) + " 10 1700000000600");
    }

    @Test
    void strayBytesBetweenPartsAreKeptWithTheNextPartWhenAsked() throws ProtocolException {
        // Stray bytes that start like the delimiter, and end in hyphens that run into it.
        byte[] stray = ascii("--camrelay\r\n-x--camrelayfram---");
        byte[] body = concat(stray, mjpegPart(1, 100, 20), mjpegPart(2, 200, 3), stray, mjpegPart(3, 300, 0),
                ascii("--camrelayframe--\r\nepilogue"));
        for (int cut = 0; cut <= body.length; cut++) {
            List<MjpegParser.Frame> frames = new ArrayList<>();
            MjpegParser parser = MjpegParser.keepingStrayBytes("camrelayframe", frames::add);
            parser.parse(ByteBuffer.wrap(body, 0, cut));
            parser.parse(ByteBuffer.wrap(body, cut, body.length - cut));
            assertThat(frames).as("cut at %d", cut)
                    .extracting(frame -> new String(frame.before(), StandardCharsets.US_ASCII)).containsExactly(new String(stray, StandardCharsets.US_ASCII), "",
                            new String(stray, StandardCharsets.US_ASCII));
            assertThat(frames).extracting(MjpegParser.Frame::jpeg).containsExactly(jpeg(20), jpeg(3), jpeg(0));
            assertThat(parser.closed()).isTrue();
        }
        assertThatThrownBy(() -> MjpegParser.keeping("camrelayframe", frame -> { }).parse(ByteBuffer.wrap(body)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("expected the part delimiter --camrelayframe");
    }

    @Test
    void aBlockingReaderNeverReadsPastThePartItWants() throws ProtocolException {
        byte[] body = concat(mjpegPart(1, 100, 20), mjpegPart(2, 200, 3));
        List<MjpegParser.Frame> frames = new ArrayList<>();
        MjpegParser parser = MjpegParser.keeping("camrelayframe", frames::add);
        int at = 0;
        while (frames.isEmpty()) {
            int n = parser.bytesWanted();
            parser.parse(ByteBuffer.wrap(body, at, n));
            at += n;
        }
        assertThat(at).as("the first part and the CRLF after it").isEqualTo(mjpegPart(1, 100, 20).length);
    }

    @Test
    void aRefusalIsAStatusWithoutABody() throws ProtocolException {
        HttpResponseParser head = new HttpResponseParser();
        ByteBuffer bytes = ByteBuffer.wrap(ascii("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\n\r\nfull\n"));
        assertThat(head.parse(bytes)).isTrue();
        assertThat(head.status()).isEqualTo(503);
        assertThat(head.streamEpoch()).isEqualTo(-1);
        assertThat(bytes.remaining()).isEqualTo(5);
        assertThatThrownBy(head::boundary).hasMessageContaining("no multipart boundary");
        assertThatThrownBy(() -> head.header("Retry-After")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aHeadKeepsItsHeadersWhenAsked() throws ProtocolException {
        HttpResponseParser head = HttpResponseParser.keepingHeaders();
        String longValue = "x".repeat(1000);
        assertThat(head.parse(ByteBuffer.wrap(ascii("HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace;"
                + "boundary=b\r\nCache-Control : no-store \r\nX-Long: " + longValue + "\r\n\r\n")))).isTrue();
        assertThat(head.header("content-type")).isEqualTo("multipart/x-mixed-replace;boundary=b");
        assertThat(head.header("CACHE-CONTROL")).isEqualTo("no-store");
        assertThat(head.header("X-Long")).isEqualTo(longValue);
        assertThat(head.header("Transfer-Encoding")).isNull();
        assertThat(head.boundary()).isEqualTo("b");
    }

    @Test
    void streamsThatLoseTheirPlaceFail() {
        byte[] flv = flvBody();
        flv[flv.length - 1]++;
        assertThatThrownBy(() -> new FlvParser((m, s) -> { }).parse(ByteBuffer.wrap(flv)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("PreviousTagSize");
        assertThatThrownBy(() -> FlvParser.keeping(tag -> { }).parse(ByteBuffer.wrap(flv)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("PreviousTagSize");
        assertThatThrownBy(() -> new FlvParser((m, s) -> { }).parse(ByteBuffer.wrap(ascii("<html>"))))
                .hasMessageContaining("not an FLV stream");
        byte[] unstamped = ascii("--camrelayframe\r\nContent-Length: 3\r\n\r\nabc\r\n");
        assertThatThrownBy(() -> new MjpegParser("camrelayframe", (m, s) -> { }).parse(ByteBuffer.wrap(unstamped)))
                .hasMessageContaining("X-Received-At");
        byte[] unsized = ascii("--camrelayframe\r\nX-Frame-Seq: 1\r\n\r\nabc\r\n");
        assertThatThrownBy(() -> MjpegParser.keeping("camrelayframe", frame -> { }).parse(ByteBuffer.wrap(unsized)))
                .hasMessageContaining("without Content-Length");
        byte[] noCrlf = ascii("--camrelayframe\r\nContent-Length: 3\r\n\r\nabcd\r\n");
        assertThatThrownBy(() -> MjpegParser.keeping("camrelayframe", frame -> { }).parse(ByteBuffer.wrap(noCrlf)))
                .hasMessageContaining("no CRLF after a part's 3 bytes");
        byte[] otherBoundary = ascii("--other\r\n");
        assertThatThrownBy(() -> new MjpegParser("camrelayframe", (m, s) -> { }).parse(ByteBuffer.wrap(otherBoundary)))
                .hasMessageContaining("expected the part delimiter");
        assertThatThrownBy(() -> new ChunkedDecoder(b -> { }).parse(ByteBuffer.wrap(ascii("zz\r\n"))))
                .hasMessageContaining("chunk size");
        assertThatThrownBy(() -> new HttpResponseParser().parse(ByteBuffer.wrap(ascii("ICY 200 OK\r\n"))))
                .hasMessageContaining("status line");
    }
}
