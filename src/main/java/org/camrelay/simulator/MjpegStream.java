package org.camrelay.simulator;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.TimeUnit;

/**
 * The answer to a GetOneShot request for several frames [spec 4.2.1]: a {@code multipart/x-mixed-replace} stream
 * with one JPEG part per frame, each with {@code Content-Type} and {@code Content-Length}, until
 * {@code frame_count} parts, the end of the maximum connection time or the client closes. Then the closing
 * delimiter is sent and the connection closed: an HTTP/1.0 stream has no other end. Confined to the channel's event
 * loop.
 *
 * <p>Parts are paced by deadlines: each deadline is the previous one plus the period, so the rate does
 * not drift, and deadlines that passed while the loop was busy are skipped rather than caught up in a
 * burst. Live video never queues up either: while the client does not take the data, its frames are
 * skipped. Frame numbers strictly increase along the stream.
 */
final class MjpegStream {

    /** An end that never comes. */
    static final long NEVER = Long.MAX_VALUE;

    private static final byte[] CRLF = {'\r', '\n'};

    private final Channel channel;
    private final FrameWriter writer;
    private final FrameSource frames;
    private final FrameSize size;
    private final long periodNanos;
    private final String boundary;
    private final long endNanos;
    private final FrameWriter.Framing part = this::part;
    private long partsLeft;
    private long lastFrameNumber = -1;
    private long deadline;
    private boolean ended;

    /**
     * @param periodNanos the time between parts, at least the simulator's frame period
     * @param frameCount  the number of parts, {@link Long#MAX_VALUE} for no limit
     * @param endNanos    when the stream ends at the latest, on the frame source's clock; {@link #NEVER}
     */
    MjpegStream(Channel channel, FrameWriter writer, FrameSource frames, FrameSize size, long periodNanos,
                long frameCount, String boundary, long endNanos) {
        this.channel = channel;
        this.writer = writer;
        this.frames = frames;
        this.size = size;
        this.periodNanos = Math.max(frames.periodNanos(), periodNanos);
        this.boundary = boundary;
        this.endNanos = endNanos;
        partsLeft = frameCount;
    }

    void start() {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_0, HttpResponseStatus.OK);
        WebViewResponses.common(response.headers(), "0");
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "multipart/x-mixed-replace;boundary=" + boundary);
        WebViewResponses.connection(response, false);
        channel.writeAndFlush(response); // now, even if a stall holds back the first part
        // deadlines sit in the middle of a frame tick, so timer jitter cannot put two of them in one tick
        deadline = frames.tickStart(frames.currentTick()) + frames.periodNanos() / 2;
        sendPart();
    }

    private void sendPart() {
        if (!channel.isActive() || ended) {
            return;
        }
        long now = frames.nanoTime();
        if (endNanos != NEVER && now - endNanos >= 0) {
            end();
            return;
        }
        if (writer.isWritable() && frames.currentTick() > lastFrameNumber) {
            long frameNumber = writer.send(size, part);
            if (frameNumber >= 0) {
                lastFrameNumber = frameNumber;
                if (--partsLeft == 0) {
                    end();
                    return;
                }
            }
        }
        now = frames.nanoTime();
        deadline += periodNanos;
        if (deadline <= now) {
            deadline += ((now - deadline) / periodNanos + 1) * periodNanos;
        }
        long wake = endNanos != NEVER && endNanos - deadline < 0 ? endNanos : deadline;
        channel.eventLoop().schedule(this::sendPart, wake - now, TimeUnit.NANOSECONDS);
    }

    /** Sends the closing delimiter and closes: the end of a multipart body [RFC 2046]. */
    private void end() {
        ended = true;
        String closeDelimiter = "--" + boundary + "--\r\n";
        channel.writeAndFlush(new DefaultLastHttpContent(Unpooled.copiedBuffer(closeDelimiter, US_ASCII)))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private Object part(byte[] noise, byte[] jpeg) {
        String header = "--" + boundary + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n";
        return new DefaultHttpContent(Unpooled.wrappedBuffer(noise, header.getBytes(US_ASCII), jpeg, CRLF));
    }
}
