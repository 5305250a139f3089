package org.camrelay.component.vbc10;

import java.net.ProtocolException;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.PrematureChannelClosureException;
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
import io.netty.util.concurrent.ScheduledFuture;
import org.camrelay.component.vbc10.webview.WebViewClient;
import org.camrelay.component.vbc10.webview.WebViewResponse;

/**
 * Behind Netty's HTTP client codec: asks for the MJPEG stream once connected, checks the response, and passes the
 * body on as bytes to a {@link MultipartStreamDecoder} that it puts behind itself for the response's boundary.
 * <p>
 * Canon's WebView answers errors as {@code 200 OK} with a non-zero {@code Livescope-Status} and a short text body
 * [spec 1.1.1]: that body is read (a few KiB at most, a second at most) and the refusal reported with its code and
 * message. Every refusal becomes an exception whose message says why without naming credentials or the query.
 * <p>
 * The end of the body is told apart: the closing boundary, or the connection closing (HTTP/1.0) between frames, is a
 * clean end that the consumer may renew at once ({@link CameraConnectionHandler#endCleanly}); a connection that closes
 * in the middle of a frame is a failure.
 */
final class HttpStreamHandler extends ChannelInboundHandlerAdapter {

    private static final String ACCEPT = "multipart/x-mixed-replace, image/jpeg";
    /** The most of an error answer's body read for its reason. */
    private static final int MAX_ERROR_BODY = 4096;
    /** How long an error answer's body may take to arrive before the refusal is reported with what came. */
    private static final long ERROR_BODY_WAIT_MILLIS = 1000;

    private enum State {
        AWAITING_RESPONSE,
        STREAMING,
        /** A refusal whose body is read for its reason. */
        READING_ERROR,
        DONE
    }

    private final Vbc10Configuration configuration;
    private final JpegStreamListener listener;
    private State state = State.AWAITING_RESPONSE;
    private MultipartStreamDecoder multipart;
    private HttpResponse errorResponse;
    private ByteBuf errorBody;
    private ScheduledFuture<?> errorWait;

    HttpStreamHandler(Vbc10Configuration configuration, JpegStreamListener listener) {
        this.configuration = configuration;
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                configuration.requestPath(), Unpooled.EMPTY_BUFFER);
        // header names as the cameras' own HTTP/1.0 servers and clients wrote them, not Netty's lower case: an old
        // embedded server may not match names case-insensitively [guess]
        request.headers()
                .set("Host", configuration.hostHeader())
                .set("Accept", ACCEPT)
                .set("User-Agent", "camrelay");
        if (configuration.getUsername() != null) {
            request.headers().set("Authorization",
                    WebViewClient.basic(configuration.getUsername(), configuration.getPassword()));
        }
        ctx.writeAndFlush(request).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpObject http && http.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            Throwable cause = http.decoderResult().cause();
            if (msg instanceof LastHttpContent && cause instanceof PrematureChannelClosureException) {
                // the connection closed before the (chunked or counted) body was complete: like any close
                bodyEnded(ctx);
            } else {
                fail(ctx, "malformed HTTP response: " + cause.getMessage());
            }
            return;
        }
        if (msg instanceof HttpResponse response) {
            if (state == State.AWAITING_RESPONSE) {
                response(ctx, response);
            }
        }
        if (msg instanceof HttpContent content) {
            content(ctx, content);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (state == State.READING_ERROR) {
            refuse(ctx); // the codec ends a body at the close; this covers a close that ends no body
        }
        cancelErrorWait();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseErrorBody();
        cancelErrorWait();
    }

    private void response(ChannelHandlerContext ctx, HttpResponse response) {
        int code = response.status().code();
        String contentType = response.headers().get(HttpHeaderNames.CONTENT_TYPE);
        int livescope = WebViewResponse.statusCode(response.headers().get(WebViewResponse.STATUS_HEADER));
        if (code == HttpResponseStatus.OK.code() && livescope == 0 && isMultipart(contentType)) {
            String boundary = MultipartStreamDecoder.boundaryOf(contentType); // null: taken from the body
            multipart = new MultipartStreamDecoder(boundary, listener, () -> closingBoundary(ctx));
            ctx.pipeline().addAfter(ctx.name(), "multipart", multipart);
            state = State.STREAMING;
        } else if (code == HttpResponseStatus.OK.code() && (livescope != 0 || isText(contentType))) {
            // a WebView error, or a text page that may be one: its body says why
            state = State.READING_ERROR;
            errorResponse = response;
            errorBody = ctx.alloc().buffer(256, MAX_ERROR_BODY);
            errorWait = ctx.executor().schedule(() -> refuse(ctx), ERROR_BODY_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            String refusal = HttpRefusals.ofHttpStatus(code, configuration.getUsername() != null,
                    configuration.pathWithoutQuery());
            fail(ctx, refusal != null ? refusal : notMjpeg(contentType));
        }
    }

    private void content(ChannelHandlerContext ctx, HttpContent content) {
        switch (state) {
            case STREAMING -> {
                if (content.content().isReadable()) {
                    ctx.fireChannelRead(content.content()); // ownership passes on with it
                } else {
                    content.release();
                }
                if (content instanceof LastHttpContent) {
                    bodyEnded(ctx);
                }
            }
            case READING_ERROR -> {
                ByteBuf bytes = content.content();
                errorBody.writeBytes(bytes, Math.min(bytes.readableBytes(), errorBody.maxWritableBytes()));
                content.release();
                if (content instanceof LastHttpContent || !errorBody.isWritable()) {
                    refuse(ctx);
                }
            }
            default -> content.release();
        }
    }

    /**
     * The closing boundary arrived: the stream ended as the camera meant it to. Handled once the multipart decoder
     * has passed on the last part, so that a last frame cut short is counted.
     */
    private void closingBoundary(ChannelHandlerContext ctx) {
        if (state == State.STREAMING) {
            state = State.DONE;
            ctx.executor().execute(() -> {
                countCutFrame(ctx);
                CameraConnectionHandler.endCleanly(ctx, "the camera ended the stream");
            });
        }
    }

    /** The body ended with the connection or the response: clean unless it cut a frame. */
    private void bodyEnded(ChannelHandlerContext ctx) {
        if (state != State.STREAMING) {
            return; // ended already (closing boundary), or never began
        }
        state = State.DONE;
        if (countCutFrame(ctx)) {
            fail(ctx, "the camera closed the stream in the middle of a frame");
        } else {
            CameraConnectionHandler.endCleanly(ctx, "the camera closed the stream between frames");
        }
    }

    /** Counts, as corrupt, a frame that the end of the stream cut short; whether there was one. */
    private boolean countCutFrame(ChannelHandlerContext ctx) {
        JpegFrameDecoder frames = ctx.pipeline().get(JpegFrameDecoder.class);
        if (frames != null && frames.inFrame()) {
            listener.frameCorrupt("truncated: the stream ended before EOI");
            return true;
        }
        return false;
    }

    /** Reports the refusal whose body was being read, with what of it came. */
    private void refuse(ChannelHandlerContext ctx) {
        if (state != State.READING_ERROR) {
            return;
        }
        cancelErrorWait();
        byte[] body = ByteBufUtil.getBytes(errorBody);
        releaseErrorBody();
        WebViewResponse answer = WebViewResponse.of(errorResponse.status().code(), errorResponse.headers(), body);
        String contentType = errorResponse.headers().get(HttpHeaderNames.CONTENT_TYPE);
        errorResponse = null;
        if (answer.livescopeCode() != 0 || HttpRefusals.isWebViewError(body)) {
            fail(ctx, HttpRefusals.ofWebView(configuration.webView() ? "GetOneShot" : configuration.pathWithoutQuery(),
                    answer));
        } else {
            fail(ctx, notMjpeg(contentType));
        }
    }

    /** Stops passing content on, and reports why the stream cannot go on. */
    private void fail(ChannelHandlerContext ctx, String reason) {
        state = State.DONE;
        ctx.fireExceptionCaught(new ProtocolException(reason));
    }

    private void cancelErrorWait() {
        if (errorWait != null) {
            errorWait.cancel(false);
            errorWait = null;
        }
    }

    private void releaseErrorBody() {
        if (errorBody != null) {
            errorBody.release();
            errorBody = null;
        }
    }

    private static String notMjpeg(String contentType) {
        return "not an MJPEG stream: expected Content-Type multipart/x-mixed-replace, got "
               + (contentType == null ? "none" : contentType);
    }

    private static boolean isMultipart(String contentType) {
        return contentType != null
               && contentType.split(";")[0].trim().equalsIgnoreCase("multipart/x-mixed-replace");
    }

    private static boolean isText(String contentType) {
        return contentType == null || contentType.trim().toLowerCase(java.util.Locale.ROOT).startsWith("text/");
    }
}
