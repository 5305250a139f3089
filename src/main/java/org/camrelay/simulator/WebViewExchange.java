package org.camrelay.simulator;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * One WebView request and its answer. The answer may come later and from any thread (GetNotice); it is written
 * on the connection's event loop, at most once, and then the connection is kept for the next request if the
 * client asked for that ({@code Connection: keep-alive}) or closed.
 */
final class WebViewExchange {

    private final WebViewHandler handler;
    private final ChannelHandlerContext ctx;
    private final boolean keepAlive;
    private final UserLevel user;
    private final WebViewRequest request;
    private final FrameWriter writer;
    private final AtomicBoolean answered = new AtomicBoolean();

    WebViewExchange(WebViewHandler handler, ChannelHandlerContext ctx, boolean keepAlive, UserLevel user,
                    WebViewRequest request, FrameWriter writer) {
        this.handler = handler;
        this.ctx = ctx;
        this.keepAlive = keepAlive;
        this.user = user;
        this.request = request;
        this.writer = writer;
    }

    WebViewRequest request() {
        return request;
    }

    UserLevel user() {
        return user;
    }

    Channel channel() {
        return ctx.channel();
    }

    FrameWriter writer() {
        return writer;
    }

    void text(String... lines) {
        text(List.of(lines));
    }

    void text(List<String> lines) {
        respond(WebViewResponses.text(lines));
    }

    void error(LivescopeStatus status, String info) {
        respond(WebViewResponses.error(status, info));
    }

    void notice(Notice notice) {
        respond(WebViewResponses.notice(notice));
    }

    /**
     * Answers one picture of the current frame, through the {@link FrameWriter} and its faults; while the
     * simulator is stalled, there is no answer at all and the connection takes the next request.
     *
     * @param serial the source of {@code Livescope-Frame-Number}, or null for none
     */
    void image(FrameSize size, LongSupplier serial) {
        onLoop(() -> {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            long sent = writer.send(size, (noise, jpeg) -> { // no gap between pictures, so no noise
                FullHttpResponse response = WebViewResponses.jpeg(jpeg, serial == null ? null : serial.getAsLong());
                WebViewResponses.connection(response, keepAlive);
                return response;
            });
            if (sent >= 0) {
                handler.answered(ctx, keepAlive);
            } else {
                handler.unanswered();
            }
        });
    }

    /** Streams pictures; the connection serves nothing else and closes at the end of the stream. */
    void stream(FrameSource frames, FrameSize size, long periodNanos, long frameCount, String boundary,
                long endNanos) {
        onLoop(() -> {
            if (answered.compareAndSet(false, true)) {
                new MjpegStream(ctx.channel(), writer, frames, size, periodNanos, frameCount, boundary, endNanos)
                        .start();
            }
        });
    }

    private void respond(FullHttpResponse response) {
        onLoop(() -> {
            if (!answered.compareAndSet(false, true)) {
                response.release();
                return;
            }
            WebViewResponses.connection(response, keepAlive);
            ctx.writeAndFlush(response);
            handler.answered(ctx, keepAlive);
        });
    }

    private void onLoop(Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
        } else {
            ctx.executor().execute(task);
        }
    }
}
