package org.camrelay.component.vbc10.webview;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringEncoder;
import org.camrelay.component.vbc10.ConnectionFailures;

/**
 * Sends WebView commands ({@code GET /-wvhttp-01-/COMMAND?...}) to one camera and hands back its answers, without
 * blocking: each command is one short HTTP exchange on a connection of its own, on the given event loops. That suits
 * the VB-C10 and VB-C50i, which speak HTTP/1.0 and close after each answer, as well as later models; a GetNotice long
 * poll simply holds its own connection.
 * <p>
 * Requests are HTTP/1.1 with {@code Host} (which later models require) and {@code Connection: close}; answers may be
 * HTTP/1.0 with or without {@code Content-Length}. With a user name, every request carries HTTP Basic credentials,
 * as WebView expects. Messages of failures name the camera and the command, never the credentials or the query.
 */
public final class WebViewClient {

    /** Where every WebView command lives. */
    public static final String PREFIX = "/-wvhttp-01-/";

    private final EventLoopGroup group;
    private final String camera;
    private final String host;
    private final int port;
    private final String authorization;
    private final int connectTimeoutMillis;
    private final int maxBodyBytes;

    /**
     * @param group                event loops to run the exchanges on
     * @param camera               the camera's name, for messages
     * @param host                 the camera's host name or address
     * @param port                 its HTTP port
     * @param username             the user for HTTP Basic, or null for none
     * @param password             the password, or null for an empty one
     * @param connectTimeoutMillis how long a connection may take to open
     * @param maxBodyBytes         the largest answer accepted (a JPEG for GetLiveImage); larger ones fail
     */
    public WebViewClient(EventLoopGroup group, String camera, String host, int port, String username, String password,
                         int connectTimeoutMillis, int maxBodyBytes) {
        this.group = Objects.requireNonNull(group, "group");
        this.camera = Objects.requireNonNull(camera, "camera");
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.authorization = username == null ? null : basic(username, password);
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The value of an HTTP Basic {@code Authorization} header. */
    public static String basic(String username, String password) {
        byte[] credentials = (username + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(credentials);
    }

    /**
     * Sends one command.
     *
     * @param command    the command name, e.g. {@code OpenCameraServer}
     * @param parameters its parameters in order (may be empty); values are URL-encoded here
     * @param timeoutMillis how long the whole exchange may take, connecting included; a GetNotice needs its own
     *                   timeout plus a margin
     * @return the answer, whatever its HTTP or Livescope status; fails with a {@link WebViewException} when no
     *         answer came (refused, timed out, closed early, malformed, too large)
     */
    public CompletableFuture<WebViewResponse> send(String command, Map<String, String> parameters, long timeoutMillis) {
        QueryStringEncoder uri = new QueryStringEncoder(PREFIX + command, StandardCharsets.UTF_8);
        parameters.forEach(uri::addParam);
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri.toString(),
                Unpooled.EMPTY_BUFFER);
        // header names as HTTP/1.0 servers of the cameras' age wrote them, not Netty's lower case
        request.headers()
                .set("Host", port == 80 ? hostForHeader() : hostForHeader() + ":" + port)
                .set("Connection", "close")
                .set("User-Agent", "camrelay");
        if (authorization != null) {
            request.headers().set("Authorization", authorization);
        }
        Exchange exchange = new Exchange(command);
        ChannelFuture connecting = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(maxBodyBytes),
                                exchange);
                    }
                })
                .connect(host, port);
        Channel channel = connecting.channel();
        ScheduledFuture<?> timeout = channel.eventLoop().schedule(() -> {
            exchange.fail("no answer within " + timeoutMillis + " ms");
            channel.close();
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        exchange.result.whenComplete((response, failure) -> timeout.cancel(false));
        connecting.addListener((ChannelFuture connected) -> {
            if (connected.isSuccess()) {
                channel.writeAndFlush(request).addListener(written -> {
                    if (!written.isSuccess()) {
                        exchange.fail(ConnectionFailures.describe(written.cause()));
                        channel.close();
                    }
                });
            } else {
                request.release();
                exchange.fail(ConnectionFailures.describe(connected.cause()));
            }
        });
        return exchange.result;
    }

    private String hostForHeader() {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /** The one exchange of a connection: completes its future with the answer, or with why there is none. */
    private final class Exchange extends SimpleChannelInboundHandler<FullHttpResponse> {

        final CompletableFuture<WebViewResponse> result = new CompletableFuture<>();
        private final String command;

        Exchange(String command) {
            this.command = command;
        }

        void fail(String reason) {
            result.completeExceptionally(new WebViewException(message(reason)));
        }

        String message(String reason) {
            return "camera '" + camera + "' (" + hostForHeader() + ":" + port + "): " + command + ": " + reason;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            if (response.decoderResult().isFailure()) {
                fail("malformed answer: " + response.decoderResult().cause().getMessage());
            } else {
                result.complete(WebViewResponse.of(response.status().code(), response.headers().copy(),
                        ByteBufUtil.getBytes(response.content())));
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            fail("connection closed before an answer");
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof TooLongFrameException) {
                result.completeExceptionally(new AnswerTooLargeException(
                        message("answer larger than " + maxBodyBytes + " bytes")));
            } else if (cause instanceof PrematureChannelClosureException) {
                fail("connection closed before the whole answer");
            } else {
                fail(ConnectionFailures.describe(cause));
            }
            ctx.close();
        }
    }

    /** No answer came to a WebView command. */
    public static class WebViewException extends IOException {

        public WebViewException(String message) {
            super(message);
        }
    }

    /** The answer was larger than the client accepts (maxBodyBytes): dropped unread, the connection closed. */
    public static final class AnswerTooLargeException extends WebViewException {

        public AnswerTooLargeException(String message) {
            super(message);
        }
    }
}
