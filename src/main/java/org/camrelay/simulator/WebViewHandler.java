package org.camrelay.simulator;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the camera's WebView HTTP interface, behind Netty's HTTP codec and aggregator: checks what
 * HTTP itself decides (authorization, the {@value #PATH_PREFIX} path, the method) and hands the command to
 * {@link WebViewCamera}.
 *
 * <p>The connection stays open after an answer only if the client asked with {@code Connection: keep-alive}, as
 * with an HTTP/1.0 server. Requests are served one after the other: a request that arrives while the previous one
 * is still being answered (pipelining, which the camera does not support [spec 1.1]) closes the connection
 * [guess].
 */
final class WebViewHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String PATH_PREFIX = "/-wvhttp-01-/";

    private static final Logger LOG = LoggerFactory.getLogger(WebViewHandler.class);

    private final WebViewCamera camera;
    private final FrameWriter writer;
    private boolean busy;

    WebViewHandler(WebViewCamera camera, FrameWriter writer) {
        this.camera = camera;
        this.writer = writer;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (busy) {
            LOG.debug("{}: HTTP connection #{} sent a request before the previous one was answered; closing",
                    camera.name(), writer.connectionId());
            ctx.close();
            return;
        }
        boolean keepAlive = request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE,
                true);
        if (!request.decoderResult().isSuccess()) {
            httpError(ctx, HttpResponseStatus.BAD_REQUEST, "malformed request", false);
            return;
        }
        UserLevel user = camera.authenticate(request.headers().get(HttpHeaderNames.AUTHORIZATION));
        if (user == null) {
            FullHttpResponse response = WebViewResponses.http(HttpResponseStatus.UNAUTHORIZED, "authorization required");
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"" + WebViewCamera.REALM + "\"");
            answer(ctx, response, keepAlive);
            return;
        }
        String uri = request.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        if (!path.startsWith(PATH_PREFIX) || path.length() == PATH_PREFIX.length()
                || path.indexOf('/', PATH_PREFIX.length()) >= 0) {
            httpError(ctx, HttpResponseStatus.NOT_FOUND, "no such page: " + path, keepAlive);
            return;
        }
        boolean post = HttpMethod.POST.equals(request.method());
        if (!post && !HttpMethod.GET.equals(request.method())) {
            FullHttpResponse response = WebViewResponses.http(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "only GET and POST are supported");
            response.headers().set(HttpHeaderNames.ALLOW, "GET, POST");
            answer(ctx, response, keepAlive);
            return;
        }
        WebViewRequest parsed;
        try {
            parsed = WebViewRequest.parse(path.substring(PATH_PREFIX.length()), query < 0 ? null : uri.substring(query + 1),
                    post ? request.content().toString(ISO_8859_1) : null);
        } catch (IllegalArgumentException e) {
            httpError(ctx, HttpResponseStatus.BAD_REQUEST, "malformed parameters", keepAlive);
            return;
        }
        busy = true;
        camera.handle(new WebViewExchange(this, ctx, keepAlive, user, parsed, writer));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{}: HTTP connection #{} failed", camera.name(), writer.connectionId(), cause);
        ctx.close();
    }

    /** The answer to the current request is written: takes the next request, or closes. On the event loop. */
    void answered(ChannelHandlerContext ctx, boolean keepAlive) {
        busy = false;
        if (!keepAlive) {
            // an empty write completes after the answer's, so this closes once the answer is out
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** The current request gets no answer (a stalled simulator); the connection takes the next. On the event loop. */
    void unanswered() {
        busy = false;
    }

    private void httpError(ChannelHandlerContext ctx, HttpResponseStatus status, String body, boolean keepAlive) {
        answer(ctx, WebViewResponses.http(status, body), keepAlive);
    }

    private void answer(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        WebViewResponses.connection(response, keepAlive);
        ctx.writeAndFlush(response);
        answered(ctx, keepAlive);
    }
}
