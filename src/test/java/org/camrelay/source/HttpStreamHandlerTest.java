package org.camrelay.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camrelay.source.TestJpegs.ascii;
import static org.camrelay.source.TestJpegs.concat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpStreamHandlerTest {

    private final RecordingListener listener = new RecordingListener();
    private final List<Throwable> failures = new ArrayList<>();
    private EmbeddedChannel channel;

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void asksForTheWebViewStreamWithCredentials() {
        connect(credentials("viewer", "p:w"));

        FullHttpRequest request = channel.readOutbound();
        try {
            assertThat(request.uri())
                    .isEqualTo("/-wvhttp-01-/GetOneShot?image_size=320x240&frame_rate=6&frame_count=no_limit");
            assertThat(request.headers().get(HttpHeaderNames.HOST)).isEqualTo("cam:8080");
            assertThat(request.headers().get(HttpHeaderNames.ACCEPT)).startsWith("multipart/x-mixed-replace");
            String credentials = request.headers().get(HttpHeaderNames.AUTHORIZATION).substring("Basic ".length());
            assertThat(new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8)).isEqualTo("viewer:p:w");
        } finally {
            request.release();
        }
    }

    @Test
    void sendsNoCredentialsWhenNoneAreConfigured() {
        connect(configuration -> { });

        FullHttpRequest request = channel.readOutbound();
        assertThat(request.headers().contains(HttpHeaderNames.AUTHORIZATION)).isFalse();
        request.release();
    }

    @Test
    void passesTheBodyThroughAMultipartDecoderForTheResponseBoundary() {
        connect(configuration -> { });
        byte[] jpeg = TestJpegs.baseline(16, 16, 1);

        channel.writeInbound(response(HttpResponseStatus.OK, "multipart/x-mixed-replace; boundary=\"--cam\""));
        channel.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(concat(ascii("--cam\r\n\r\n"), jpeg))));
        channel.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(ascii("\r\n--cam\r\n"))));

        assertThat(passedOn()).isEqualTo(jpeg);
        assertThat(failures).isEmpty();
    }

    @Test
    void reportsTheEndOfTheStream() {
        connect(configuration -> { });
        channel.writeInbound(response(HttpResponseStatus.OK, "multipart/x-mixed-replace;boundary=b"));

        channel.writeInbound(new DefaultLastHttpContent());

        assertThat(failures).extracting(Throwable::getMessage).containsExactly("the camera ended the stream");
    }

    @Test
    void explainsRefusals() {
        assertThat(refusal(configuration -> { }, HttpResponseStatus.UNAUTHORIZED, null))
                .isEqualTo("authentication required but no username and password are configured"
                           + " (HTTP 401 Unauthorized)");
        assertThat(refusal(credentials("u", "secret"), HttpResponseStatus.UNAUTHORIZED, null))
                .isEqualTo("authentication failed (HTTP 401 Unauthorized)");
        assertThat(refusal(configuration -> { }, HttpResponseStatus.FORBIDDEN, null))
                .isEqualTo("access denied (HTTP 403 Forbidden)");
        assertThat(refusal(configuration -> configuration.setHttpPath("/cgi/mjpg?user=u&pwd=secret"),
                HttpResponseStatus.NOT_FOUND, null))
                .isEqualTo("path not found: /cgi/mjpg (HTTP 404 Not Found)");
        assertThat(refusal(configuration -> { }, HttpResponseStatus.SERVICE_UNAVAILABLE, null))
                .isEqualTo("camera error (HTTP 503 Service Unavailable)");
        assertThat(refusal(configuration -> { }, HttpResponseStatus.FOUND, null))
                .isEqualTo("unexpected response (HTTP 302 Found)");
        assertThat(refusal(configuration -> { }, HttpResponseStatus.OK, "image/jpeg"))
                .isEqualTo("not an MJPEG stream: expected Content-Type multipart/x-mixed-replace with a boundary,"
                           + " got image/jpeg");
        assertThat(refusal(configuration -> { }, HttpResponseStatus.OK, "multipart/x-mixed-replace"))
                .contains("with a boundary");
    }

    @Test
    void reportsMalformedResponsesAndDropsTheRest() {
        connect(configuration -> { });
        HttpResponse broken = response(HttpResponseStatus.OK, "multipart/x-mixed-replace;boundary=b");
        broken.setDecoderResult(DecoderResult.failure(new IllegalArgumentException("invalid version format")));

        channel.writeInbound(broken);
        channel.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(ascii("--b\r\n\r\n"))));

        assertThat(failures).extracting(Throwable::getMessage)
                .containsExactly("malformed HTTP response: invalid version format");
        assertThat(channel.inboundMessages()).isEmpty();
    }

    private String refusal(Consumer<Vbc10Configuration> options, HttpResponseStatus status, String contentType) {
        connect(options);
        channel.writeInbound(response(status, contentType));
        channel.writeInbound(new DefaultLastHttpContent(Unpooled.wrappedBuffer(ascii("<html>no</html>"))));
        assertThat(failures).hasSize(1);
        assertThat(channel.inboundMessages()).isEmpty();
        String message = failures.remove(0).getMessage();
        channel.finishAndReleaseAll();
        return message;
    }

    private void connect(Consumer<Vbc10Configuration> options) {
        Vbc10Configuration configuration = new Vbc10Configuration();
        configuration.setName("cam");
        configuration.setHost("cam");
        configuration.setTransport(Vbc10Transport.HTTP);
        configuration.setHttpPort(8080);
        options.accept(configuration);
        configuration.validate();
        channel = new EmbeddedChannel(new HttpStreamHandler(configuration, listener), new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                failures.add(cause);
            }
        });
    }

    private static Consumer<Vbc10Configuration> credentials(String username, String password) {
        return configuration -> {
            configuration.setUsername(username);
            configuration.setPassword(password);
        };
    }

    private static HttpResponse response(HttpResponseStatus status, String contentType) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        if (contentType != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        return response;
    }

    private byte[] passedOn() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (ByteBuf body = channel.readInbound(); body != null; body = channel.readInbound()) {
            bytes.writeBytes(ByteBufUtil.getBytes(body));
            body.release();
        }
        return bytes.toByteArray();
    }
}
