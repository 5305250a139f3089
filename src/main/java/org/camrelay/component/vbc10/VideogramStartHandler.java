package org.camrelay.component.vbc10;

import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.camrelay.frame.ImageSize;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a session of the videogram dialect, as the ROS driver for the VB-C50i does: sends {@code VERSION} and waits
 * for the reply up to its NUL byte, sends the login line, {@code SET Mode Administrator} and {@code GET MUXCONF} and
 * waits for the reply up to its NUL byte, then sends {@code START} and the image size videogram (type 0x88). Each line
 * ends in 0x0A. Then it announces {@link NativeHandshakeHandler#COMPLETED} down the pipeline, passes on whatever
 * followed the last reply (the first videograms) and removes itself.
 * <p>
 * Replies may come in any number of pieces, several in one read. A reply that does not come within the reply timeout,
 * or that grows beyond 64 KiB without its NUL, fails the connection with a {@link ProtocolException} that names what
 * the camera did not answer; the last handler closes the connection and the consumer reconnects, replaying the whole
 * sequence.
 */
final class VideogramStartHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(VideogramStartHandler.class);
    private static final int MAX_REPLY_BYTES = 64 * 1024;
    private static final int MAX_LOGGED_REPLY = 120;
    private static final byte LINE_END = 0x0A;
    private static final byte NUL = 0x00;

    /** The commands whose replies are waited for, in order. */
    private enum Step {
        VERSION("VERSION"), MUXCONF("GET MUXCONF"), DONE("");

        private final String command;

        Step(String command) {
            this.command = command;
        }
    }

    private final String camera;
    private final byte[] login;
    private final ImageSize imageSize;
    private final long replyTimeoutMillis;

    private Step step = Step.VERSION;
    /** Bytes of the awaited reply received so far, up to its NUL. */
    private int replyBytes;
    /** The first bytes of the VERSION reply, for a DEBUG line. */
    private final StringBuilder version = new StringBuilder();
    private Future<?> timeout;
    /** The sequence failed: the connection is closing, and nothing more is read. */
    private boolean failed;

    /**
     * @param camera             the camera's name, for log lines
     * @param login              the login line, without its 0x0A
     * @param imageSize          the picture size to ask for
     * @param replyTimeoutMillis how long each reply may take
     */
    VideogramStartHandler(String camera, byte[] login, ImageSize imageSize, long replyTimeoutMillis) {
        this.camera = camera;
        this.login = login.clone();
        this.imageSize = imageSize;
        this.replyTimeoutMillis = replyTimeoutMillis;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        send(ctx, line(Step.VERSION.command));
        await(ctx, Step.VERSION, "the camera closed the connection before it answered VERSION");
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in) || failed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        boolean passedOn = false;
        try {
            while (step != Step.DONE && in.isReadable()) {
                int nul = in.indexOf(in.readerIndex(), in.writerIndex(), NUL);
                int end = nul < 0 ? in.writerIndex() : nul;
                if (step == Step.VERSION) {
                    keepForLog(in, end);
                }
                replyBytes += end - in.readerIndex();
                in.readerIndex(end);
                if (replyBytes > MAX_REPLY_BYTES) {
                    fail(ctx, "the camera's reply to " + step.command + " has no NUL byte within "
                              + MAX_REPLY_BYTES + " bytes");
                    return;
                }
                if (nul >= 0) {
                    in.skipBytes(1);
                    replied(ctx);
                }
            }
            if (step == Step.DONE) {
                ctx.pipeline().remove(this);
                if (in.isReadable()) {
                    passedOn = true;
                    ctx.fireChannelRead(in); // the first videograms
                }
            }
        } finally {
            if (!passedOn) {
                in.release();
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimeout();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimeout();
    }

    private void replied(ChannelHandlerContext ctx) {
        cancelTimeout();
        replyBytes = 0;
        if (step == Step.VERSION) {
            LOG.debug("Camera '{}' answered VERSION: {}", camera, version);
            ctx.write(Unpooled.wrappedBuffer(login, new byte[] { LINE_END }));
            ctx.write(line("SET Mode Administrator"));
            send(ctx, line(Step.MUXCONF.command));
            await(ctx, Step.MUXCONF, "the camera closed the connection after the login, before it answered"
                                     + " GET MUXCONF (login refused?)");
        } else {
            step = Step.DONE;
            CameraConnectionHandler.closedByCameraMeans(ctx.channel(), null);
            ctx.write(line("START"));
            send(ctx, Videogram.imageSize(imageSize.width(), imageSize.height()));
            LOG.debug("Camera '{}': video started, {} asked for", camera, imageSize);
            ctx.fireUserEventTriggered(NativeHandshakeHandler.COMPLETED);
        }
    }

    private void await(ChannelHandlerContext ctx, Step awaited, String ifClosed) {
        step = awaited;
        CameraConnectionHandler.closedByCameraMeans(ctx.channel(), ifClosed);
        timeout = ctx.executor().schedule(() -> fail(ctx, "the camera did not answer " + awaited.command + " within "
                                                         + replyTimeoutMillis + " ms"),
                replyTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void fail(ChannelHandlerContext ctx, String reason) {
        failed = true;
        cancelTimeout();
        ctx.fireExceptionCaught(new ProtocolException(reason));
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    private void keepForLog(ByteBuf in, int end) {
        for (int i = in.readerIndex(); i < end && version.length() < MAX_LOGGED_REPLY; i++) {
            char c = (char) in.getUnsignedByte(i);
            version.append(c >= 0x20 && c < 0x7F ? c : '.');
        }
    }

    private static void send(ChannelHandlerContext ctx, ByteBuf bytes) {
        ctx.writeAndFlush(bytes).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    private static ByteBuf line(String command) {
        return Unpooled.wrappedBuffer((command + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}
