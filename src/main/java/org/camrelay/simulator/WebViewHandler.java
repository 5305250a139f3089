package org.camrelay.simulator;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the camera's WebView HTTP interface, behind Netty's HTTP codec and aggregator.
 *
 * <ul>
 * <li>{@code GetOneShot} streams pictures, see {@link MjpegStream}; the connection then serves nothing else.</li>
 * <li>{@code GetLiveImage} answers one picture; both take {@code image_size}.</li>
 * <li>{@code GetProtocolVersion} answers {@code 1.00} as a line of {@code text/plain}.</li>
 * </ul>
 * While the simulator is stalled, {@code GetLiveImage} gets no answer at all.
 */
final class WebViewHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String PATH_PREFIX = "/-wvhttp-01-/";

    private static final String REALM = "VB-C10 simulator";
    private static final Logger LOG = LoggerFactory.getLogger(WebViewHandler.class);
    private static final String ONE_SHOT = PATH_PREFIX + "GetOneShot";
    private static final String LIVE_IMAGE = PATH_PREFIX + "GetLiveImage";
    private static final String PROTOCOL_VERSION = PATH_PREFIX + "GetProtocolVersion";
    private static final Set<String> PATHS = Set.of(ONE_SHOT, LIVE_IMAGE, PROTOCOL_VERSION);

    private final String simulator;
    private final FrameWriter writer;
    private final FrameSource frames;
    private final FrameSize defaultSize;
    private final int fps;
    private final byte[] expectedCredentials;
    private boolean streaming;

    /**
     * @param expectedCredentials the Base64 token a request's Basic authorization must carry, or null
     *                            if the simulator asks for none
     */
    WebViewHandler(String simulator, FrameWriter writer, FrameSource frames, FrameSize defaultSize, int fps,
                   byte[] expectedCredentials) {
        this.simulator = simulator;
        this.writer = writer;
        this.frames = frames;
        this.defaultSize = defaultSize;
        this.fps = fps;
        this.expectedCredentials = expectedCredentials;
    }

    /** The token {@link #WebViewHandler} expects for a user and password. */
    static byte[] basicCredentials(String user, String password) {
        return Base64.getEncoder().encode((user + ":" + password).getBytes(UTF_8));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (streaming) {
            return; // a stream's response never ends, so there is nothing to answer a pipelined request with
        }
        if (!request.decoderResult().isSuccess()) {
            replyText(ctx, request, HttpResponseStatus.BAD_REQUEST, "malformed request");
            return;
        }
        if (!authorized(request)) {
            FullHttpResponse response = text(HttpResponseStatus.UNAUTHORIZED, "authorization required");
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
            reply(ctx, request, response);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        if (!PATHS.contains(uri.path())) {
            replyText(ctx, request, HttpResponseStatus.NOT_FOUND, "no such page: " + uri.path());
        } else if (!HttpMethod.GET.equals(request.method())) {
            FullHttpResponse response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET is supported");
            response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.GET.name());
            reply(ctx, request, response);
        } else if (uri.path().equals(PROTOCOL_VERSION)) {
            replyText(ctx, request, HttpResponseStatus.OK, "1.00");
        } else {
            serveImages(ctx, request, uri);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{}: HTTP connection #{} failed", simulator, writer.connectionId(), cause);
        ctx.close();
    }

    private void serveImages(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
        ImageRequest images;
        try {
            images = ImageRequest.parse(uri.parameters(), defaultSize, fps);
        } catch (IllegalArgumentException e) {
            replyText(ctx, request, HttpResponseStatus.BAD_REQUEST, e.getMessage());
            return;
        }
        if (uri.path().equals(ONE_SHOT)) {
            streaming = true;
            new MjpegStream(ctx.channel(), writer, frames, images).start();
        } else {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            long sent = writer.send(images.size(), (noise, jpeg) -> liveImage(jpeg, keepAlive)); // no gap for noise
            if (sent >= 0 && !keepAlive) {
                // an empty write completes after the picture's, so this closes once the picture is out
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    private static FullHttpResponse liveImage(byte[] jpeg, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(jpeg));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "image/jpeg")
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        HttpUtil.setContentLength(response, jpeg.length);
        HttpUtil.setKeepAlive(response, keepAlive);
        return response;
    }

    private boolean authorized(FullHttpRequest request) {
        if (expectedCredentials == null) {
            return true;
        }
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        String scheme = "Basic ";
        return header != null && header.regionMatches(true, 0, scheme, 0, scheme.length())
                && MessageDigest.isEqual(header.substring(scheme.length()).trim().getBytes(US_ASCII), expectedCredentials);
    }

    private static void replyText(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, String body) {
        reply(ctx, request, text(status, body));
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body) {
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body + "\r\n", UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
        HttpUtil.setContentLength(response, response.content().readableBytes());
        return response;
    }

    private static void reply(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        ChannelFuture written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
