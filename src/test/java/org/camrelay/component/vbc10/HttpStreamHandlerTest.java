package org.camrelay.component.vbc10;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camrelay.component.vbc10.TestJpegs.ascii;
import static org.camrelay.component.vbc10.TestJpegs.concat;
import static org.camrelay.component.vbc10.TestJpegs.slice;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stream handler behind Netty's HTTP codec, fed the bytes a camera sends: the answers of Canon's WebView
 * specification (HTTP/1.0 bodies that end with the connection, LF-only part framing, both boundaries, errors answered
 * {@code 200 OK} with {@code Livescope-Status}) and those of generic MJPEG cameras.
 */
class HttpStreamHandlerTest {

    private static byte[] first;
    private static byte[] second;

    private final RecordingListener listener = new RecordingListener();
    private final List<String> failures = new ArrayList<>();
    private final List<byte[]> frames = new ArrayList<>();
    private String closeReason;
    private Boolean endedCleanly;
    private EmbeddedChannel channel;

    @BeforeAll
    static void images() {
        first = TestJpegs.baseline(48, 32, 21);
        second = TestJpegs.baseline(48, 32, 22);
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void asksForTheWebViewStreamInTheSpecificationsUnitsWithCapitalisedHeaders() {
        connect(credentials("viewer", "p:w"));

        String request = request();
        // frame_rate counts frames per 1,000 s [spec 4.2.1]: 6 fps is 6000; frame_count=0 is endless
        assertThat(request).startsWith(
                "GET /-wvhttp-01-/GetOneShot?image_size=320x240&frame_rate=6000&frame_count=0 HTTP/1.1\r\n");
        assertThat(request).contains("\r\nHost: cam:8080\r\n", "\r\nUser-Agent: camrelay\r\n",
                "\r\nAccept: multipart/x-mixed-replace, image/jpeg\r\n");
        String credentials = request.replaceAll("(?s).*\r\nAuthorization: Basic ([^\r]*)\r\n.*", "$1");
        assertThat(new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8)).isEqualTo("viewer:p:w");
    }

    @Test
    void roundsFractionalRatesToTheNearestFramePerThousandSecondsAndAtLeastOne() {
        assertThat(rate(0.5)).isEqualTo(500);
        assertThat(rate(12.3456)).isEqualTo(12346);
        assertThat(rate(0.0004)).isEqualTo(1);
        assertThat(rate(30)).isEqualTo(30000);
        channel = new EmbeddedChannel();
    }

    @Test
    void asksAGenericCameraForItsPathAsIsWithoutCredentialsWhenNoneAreConfigured() {
        connect(configuration -> configuration.setHttpPath("/video.cgi?resolution=640x480&fps=6"));

        String request = request();
        assertThat(request).startsWith("GET /video.cgi?resolution=640x480&fps=6 HTTP/1.1\r\n")
                .doesNotContainIgnoringCase("authorization");
    }

    @Test
    void readsAVbC10StreamLivescopeImageBoundaryLineFeedsHttp10EndedByTheConnection() {
        connect(configuration -> { });

        answer(ascii("HTTP/1.0 200 OK\r\nContent-Type: multipart/x-mixed-replace;boundary=LivescopeImage\r\n"
                     + "Livescope-Status: 0\r\n\r\n"));
        answer(concat(lfPart("--LivescopeImage", first), lfPart("--LivescopeImage", second)));
        channel.close();

        assertThat(frames).containsExactly(first, second);
        assertThat(failures).isEmpty();
        assertThat(endedCleanly).isTrue();
        assertThat(closeReason).isEqualTo("the camera closed the stream between frames");
        assertThat(listener.skipped + listener.corrupt.size()).isZero();
    }

    @Test
    void readsAVbC60StreamBoundaryBoundaryEndedByTheClosingBoundary() {
        connect(configuration -> { });

        answer(ascii("HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace;boundary=boundary\r\n"
                     + "Connection: keep-alive\r\n\r\n"));
        answer(concat(crlfPart("--boundary", first), crlfPart("--boundary", second), ascii("--boundary--\r\n")));

        assertThat(frames).containsExactly(first, second);
        assertThat(channel.isOpen()).as("closed at the closing boundary, without waiting for the camera").isFalse();
        assertThat(endedCleanly).isTrue();
        assertThat(closeReason).isEqualTo("the camera ended the stream");
    }

    @Test
    void readsAChunkedStreamAndAStreamWhoseContentTypeNamesNoBoundary() {
        connect(configuration -> { });
        byte[] body = concat(lfPart("--LivescopeImage", first), lfPart("--LivescopeImage", second));
        answer(ascii("HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace\r\nTransfer-Encoding: chunked\r\n\r\n"));
        int half = body.length / 2;
        answer(chunk(slice(body, 0, half)));
        answer(chunk(slice(body, half, body.length)));
        answer(ascii("0\r\n\r\n"));

        assertThat(frames).containsExactly(first, second);
        assertThat(endedCleanly).isTrue();
    }

    @Test
    void aConnectionThatClosesInTheMiddleOfAFrameIsAFailure() {
        connect(configuration -> { });
        answer(ascii("HTTP/1.0 200 OK\r\nContent-Type: multipart/x-mixed-replace;boundary=LivescopeImage\r\n\r\n"));
        answer(concat(lfPart("--LivescopeImage", first), ascii("--LivescopeImage\nContent-Type: image/jpeg\n\n"),
                slice(second, 0, second.length / 2)));

        channel.close();

        assertThat(frames).containsExactly(first);
        assertThat(failures).containsExactly("the camera closed the stream in the middle of a frame");
        assertThat(endedCleanly).isFalse();
        assertThat(listener.corrupt).containsExactly("truncated: the stream ended before EOI");
    }

    @Test
    void aClosingBoundaryAfterAFrameCutShortEndsCleanlyAndCountsTheFrame() {
        connect(configuration -> { });
        answer(ascii("HTTP/1.0 200 OK\r\nContent-Type: multipart/x-mixed-replace;boundary=LivescopeImage\r\n\r\n"));

        answer(concat(lfPart("--LivescopeImage", first), lfPart("--LivescopeImage", slice(second, 0, 100)),
                ascii("--LivescopeImage--\n")));

        assertThat(frames).containsExactly(first);
        assertThat(endedCleanly).isTrue();
        assertThat(listener.corrupt).containsExactly("truncated: the stream ended before EOI");
    }

    @Test
    void reportsLivescopeErrorsAnsweredAs200WithTheirReasons() {
        assertThat(refusal(configuration -> { }, ascii("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n"
                + "Livescope-Status: 507 Insufficient Privilege\r\n\r\n"
                + "--- WebView Livescope Http Server Error ---\nInsufficient Privilege\n"), true))
                .isEqualTo("camera refused GetOneShot: 507 Insufficient Privilege; if the camera restricts"
                           + " GetOneShot, try httpVideo=liveImage");
        byte[] tooMany = ascii("--- WebView Livescope Http Server Error ---\nToo many clients\n");
        assertThat(refusal(configuration -> { }, concat(ascii("HTTP/1.1 200 OK\r\nLivescope-Status: 503 Too many"
                + " clients\r\nContent-Type: text/plain\r\nContent-Length: " + tooMany.length + "\r\n\r\n"), tooMany),
                false))
                .isEqualTo("camera refused GetOneShot: 503 Too many clients");
        assertThat(refusal(configuration -> { }, ascii("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n"
                + "Livescope-Status: 403 Invalid Parameter Value\r\n\r\n"
                + "--- WebView Livescope Http Server Error ---\nInvalid Parameter Value\nframe_rate\n"), true))
                .isEqualTo("camera refused GetOneShot: 403 Invalid Parameter Value: frame_rate");
        // an error body without the header
        assertThat(refusal(configuration -> { }, ascii("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n"
                + "--- WebView Livescope Http Server Error ---\nToo many clients\n"), true))
                .isEqualTo("camera refused GetOneShot: Too many clients");
    }

    @Test
    void reportsAnErrorWhoseBodyNeverEndsWithWhatCame() {
        connect(configuration -> { });
        answer(ascii("HTTP/1.1 200 OK\r\nLivescope-Status: 503 Too many clients\r\nContent-Length: 500\r\n\r\n"
                     + "--- WebView Livescope Http Server Error ---\n"));
        assertThat(failures).isEmpty();

        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertThat(failures).containsExactly("camera refused GetOneShot: 503 Too many clients");
    }

    @Test
    void explainsHttpRefusalsWithoutTheQuery() {
        assertThat(refusal(configuration -> { }, ascii("HTTP/1.0 401 Unauthorized\r\n\r\n"), true))
                .isEqualTo("authentication required but no username and password are configured"
                           + " (HTTP 401 Unauthorized)");
        assertThat(refusal(credentials("u", "secret"), ascii("HTTP/1.0 401 Unauthorized\r\n\r\n"), true))
                .isEqualTo("authentication failed (HTTP 401 Unauthorized)");
        assertThat(refusal(configuration -> { }, ascii("HTTP/1.0 403 Forbidden\r\n\r\n"), true))
                .isEqualTo("access denied (HTTP 403 Forbidden)");
        assertThat(refusal(configuration -> configuration.setHttpPath("/cgi/mjpg?user=u&pwd=secret"),
                ascii("HTTP/1.0 404 Not Found\r\n\r\n"), true))
                .isEqualTo("path not found: /cgi/mjpg (HTTP 404 Not Found)");
        assertThat(refusal(configuration -> { }, ascii("HTTP/1.0 503 Service Unavailable\r\n\r\n"), true))
                .isEqualTo("camera error (HTTP 503 Service Unavailable)");
        assertThat(refusal(configuration -> { }, ascii("HTTP/1.0 302 Found\r\n\r\n"), true))
                .isEqualTo("unexpected response (HTTP 302 Found)");
        assertThat(refusal(configuration -> { }, ascii("HTTP/1.0 200 OK\r\nContent-Type: image/jpeg\r\n\r\n"), true))
                .isEqualTo("not an MJPEG stream: expected Content-Type multipart/x-mixed-replace, got image/jpeg");
        assertThat(refusal(configuration -> { }, ascii("HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html/>"),
                true))
                .isEqualTo("not an MJPEG stream: expected Content-Type multipart/x-mixed-replace, got text/html");
    }

    @Test
    void reportsMalformedResponsesAndDropsTheRest() {
        connect(configuration -> { });

        answer(ascii("HTTP/1.0 OK 200\r\nContent-Type: multipart/x-mixed-replace;boundary=b\r\n\r\n"));
        answer(concat(crlfPart("--b", first)));

        assertThat(failures).hasSize(1).first().asString().startsWith("malformed HTTP response");
        assertThat(frames).isEmpty();
    }

    private String refusal(Consumer<Vbc10Configuration> options, byte[] answer, boolean closeAfter) {
        connect(options);
        answer(answer);
        if (closeAfter) {
            channel.close();
        }
        assertThat(failures).hasSize(1);
        assertThat(frames).isEmpty();
        assertThat(endedCleanly).isNotEqualTo(Boolean.TRUE);
        String message = failures.remove(0);
        channel.finishAndReleaseAll();
        return message;
    }

    private static long rate(double fps) {
        Vbc10Configuration configuration = new Vbc10Configuration();
        configuration.setFps(fps);
        return configuration.webViewFrameRate();
    }

    private void connect(Consumer<Vbc10Configuration> options) {
        Vbc10Configuration configuration = new Vbc10Configuration();
        configuration.setName("cam");
        configuration.setHost("cam");
        configuration.setTransport(Vbc10Transport.HTTP);
        configuration.setHttpPort(8080);
        options.accept(configuration);
        configuration.validate();
        failures.clear();
        frames.clear();
        closeReason = null;
        endedCleanly = null;
        channel = new EmbeddedChannel(new HttpClientCodec(), new HttpStreamHandler(configuration, listener),
                new JpegFrameDecoder(1 << 20, listener), new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        JpegFrame frame = (JpegFrame) msg;
                        frames.add(ByteBufUtil.getBytes(frame.content()));
                        frame.release();
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        failures.add(cause.getMessage());
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                        closeReason = CameraConnectionHandler.closeReason(ctx.channel());
                        endedCleanly = CameraConnectionHandler.endedCleanly(ctx.channel());
                    }
                });
    }

    /** The request the handler sent, as bytes on the wire. */
    private String request() {
        StringBuilder text = new StringBuilder();
        for (ByteBuf bytes = channel.readOutbound(); bytes != null; bytes = channel.readOutbound()) {
            text.append(bytes.toString(StandardCharsets.ISO_8859_1));
            bytes.release();
        }
        return text.toString();
    }

    private void answer(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
    }

    private static Consumer<Vbc10Configuration> credentials(String username, String password) {
        return configuration -> {
            configuration.setUsername(username);
            configuration.setPassword(password);
        };
    }

    /** A part as Canon's specification shows it, lines ending in LF only. */
    static byte[] lfPart(String delimiter, byte[] jpeg) {
        return concat(ascii(delimiter + "\nContent-Type: image/jpeg\nContent-Length: " + jpeg.length + "\n\n"), jpeg,
                ascii("\n"));
    }

    private static byte[] crlfPart(String delimiter, byte[] jpeg) {
        return concat(ascii(delimiter + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n"),
                jpeg, ascii("\r\n"));
    }

    private static byte[] chunk(byte[] data) {
        return concat(ascii(Integer.toHexString(data.length) + "\r\n"), data, ascii("\r\n"));
    }
}
