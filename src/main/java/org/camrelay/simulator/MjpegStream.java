package org.camrelay.simulator;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The answer to one GetOneShot request: a {@code multipart/x-mixed-replace} stream with one JPEG part
 * per frame, until {@code frame_count} parts or the client closes. Confined to the channel's event loop.
 *
 * <p>Parts are paced by deadlines: each deadline is the previous one plus the period, so the rate does
 * not drift, and deadlines that passed while the loop was busy are skipped rather than caught up in a
 * burst. Live video never queues up either: while the client does not take the data, its frames are
 * skipped. Frame numbers strictly increase along the stream.
 */
final class MjpegStream {

    private static final byte[] CRLF = {'\r', '\n'};

    private final Channel channel;
    private final FrameWriter writer;
    private final FrameSource frames;
    private final FrameSize size;
    private final long periodNanos;
    private final String boundary = "camsim" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    private final FrameWriter.Framing part = this::part;
    private long partsLeft;
    private long lastFrameNumber = -1;
    private long deadline;

    MjpegStream(Channel channel, FrameWriter writer, FrameSource frames, ImageRequest request) {
        this.channel = channel;
        this.writer = writer;
        this.frames = frames;
        size = request.size();
        periodNanos = Math.max(frames.periodNanos(), (long) (TimeUnit.SECONDS.toNanos(1) / request.frameRate()));
        partsLeft = request.frameCount();
    }

    void start() {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "multipart/x-mixed-replace;boundary=" + boundary)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        channel.writeAndFlush(response); // now, even if a stall holds back the first part
        // deadlines sit in the middle of a frame tick, so timer jitter cannot put two of them in one tick
        deadline = frames.tickStart(frames.currentTick()) + frames.periodNanos() / 2;
        sendPart();
    }

    private void sendPart() {
        if (!channel.isActive()) {
            return;
        }
        if (writer.isWritable() && frames.currentTick() > lastFrameNumber) {
            long frameNumber = writer.send(size, part);
            if (frameNumber >= 0) {
                lastFrameNumber = frameNumber;
                if (--partsLeft == 0) {
                    String closeDelimiter = "--" + boundary + "--\r\n";
                    channel.writeAndFlush(new DefaultLastHttpContent(Unpooled.copiedBuffer(closeDelimiter, US_ASCII)))
                            .addListener(ChannelFutureListener.CLOSE);
                    return;
                }
            }
        }
        long now = frames.nanoTime();
        deadline += periodNanos;
        if (deadline <= now) {
            deadline += ((now - deadline) / periodNanos + 1) * periodNanos;
        }
        channel.eventLoop().schedule(this::sendPart, deadline - now, TimeUnit.NANOSECONDS);
    }

    private Object part(byte[] noise, byte[] jpeg) {
        String header = "--" + boundary + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n";
        return new DefaultHttpContent(Unpooled.wrappedBuffer(noise, header.getBytes(US_ASCII), jpeg, CRLF));
    }
}
