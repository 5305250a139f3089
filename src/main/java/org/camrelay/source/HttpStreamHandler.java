package org.camrelay.source;

import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Behind Netty's HTTP client codec: asks for the MJPEG stream once connected, checks the response, and passes the
 * body on as bytes to a {@link MultipartStreamDecoder} that it puts behind itself for the response's boundary. Every
 * refusal becomes an exception whose message says why without naming credentials.
 */
final class HttpStreamHandler extends ChannelInboundHandlerAdapter {

    private static final String ACCEPT = "multipart/x-mixed-replace, image/jpeg";

    private final Vbc10Configuration configuration;
    private final JpegStreamListener listener;
    private boolean streaming;

    HttpStreamHandler(Vbc10Configuration configuration, JpegStreamListener listener) {
        this.configuration = configuration;
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                configuration.requestPath(), Unpooled.EMPTY_BUFFER);
        request.headers()
                .set(HttpHeaderNames.HOST, configuration.address())
                .set(HttpHeaderNames.ACCEPT, ACCEPT)
                .set(HttpHeaderNames.USER_AGENT, "camrelay");
        if (configuration.getUsername() != null) {
            String password = configuration.getPassword() == null ? "" : configuration.getPassword();
            byte[] credentials = (configuration.getUsername() + ":" + password).getBytes(StandardCharsets.UTF_8);
            request.headers().set(HttpHeaderNames.AUTHORIZATION,
                    "Basic " + Base64.getEncoder().encodeToString(credentials));
        }
        ctx.writeAndFlush(request).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpObject http && http.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            fail(ctx, "malformed HTTP response: " + http.decoderResult().cause().getMessage());
            return;
        }
        if (msg instanceof HttpResponse response) {
            String boundary = MultipartStreamDecoder.boundaryOf(response.headers().get(HttpHeaderNames.CONTENT_TYPE));
            String refusal = refusal(response, boundary);
            if (refusal != null) {
                ReferenceCountUtil.release(msg);
                fail(ctx, refusal);
                return;
            }
            ctx.pipeline().addAfter(ctx.name(), "multipart", new MultipartStreamDecoder(boundary, listener));
            streaming = true;
        }
        if (msg instanceof HttpContent content) {
            if (streaming && content.content().isReadable()) {
                ctx.fireChannelRead(content.content()); // ownership passes on with it
            } else {
                content.release();
            }
            if (streaming && msg instanceof LastHttpContent) {
                fail(ctx, "the camera ended the stream");
            }
        }
    }

    /** Stops passing content on, and reports why the stream cannot go on. */
    private void fail(ChannelHandlerContext ctx, String reason) {
        streaming = false;
        ctx.fireExceptionCaught(new ProtocolException(reason));
    }

    /** Why the response cannot be streamed, or null if it can. */
    private String refusal(HttpResponse response, String boundary) {
        int code = response.status().code();
        String status = " (HTTP " + HttpResponseStatus.valueOf(code) + ")";
        if (code == HttpResponseStatus.UNAUTHORIZED.code()) {
            return configuration.getUsername() == null
                    ? "authentication required but no username and password are configured" + status
                    : "authentication failed" + status;
        }
        if (code == HttpResponseStatus.FORBIDDEN.code()) {
            return "access denied" + status;
        }
        if (code == HttpResponseStatus.NOT_FOUND.code()) {
            String path = configuration.requestPath();
            int query = path.indexOf('?');
            // the query may carry credentials on some cameras: never shown
            return "path not found: " + (query < 0 ? path : path.substring(0, query)) + status;
        }
        if (code >= 500) {
            return "camera error" + status;
        }
        if (code != HttpResponseStatus.OK.code()) {
            return "unexpected response" + status;
        }
        if (boundary == null) {
            return "not an MJPEG stream: expected Content-Type multipart/x-mixed-replace with a boundary, got "
                   + response.headers().get(HttpHeaderNames.CONTENT_TYPE, "none");
        }
        return null;
    }
}
