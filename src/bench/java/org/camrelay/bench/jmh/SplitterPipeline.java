package org.camrelay.bench.jmh;

import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import org.camrelay.component.vbc10.JpegFrame;
import org.camrelay.component.vbc10.JpegFrameDecoder;
import org.camrelay.component.vbc10.JpegStreamListener;
import org.camrelay.component.vbc10.MultipartStreamDecoder;

/**
 * The frame-splitting handlers of a camera connection, as the relay's pipeline has them, without the socket: for the
 * native protocol the JPEG decoder alone, for WebView HTTP the multipart decoder in front of it. Bytes go in as a
 * socket read delivers them, one pooled direct buffer per read followed by a read-complete; every frame that comes out
 * is handed to a consumer and released. Not thread-safe, like a channel's pipeline.
 */
final class SplitterPipeline implements JpegStreamListener, AutoCloseable {

    /** Frames up to 4 MiB, far above a 640x480 JPEG, so that none is dropped as oversize. */
    private static final int MAX_FRAME_SIZE = 4 * 1024 * 1024;

    private final EmbeddedChannel channel;
    private final ChannelPipeline pipeline;
    private final ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
    private final Consumer<JpegFrame> frames;

    private long framesOut;
    private long bytesSkipped;
    private long framesDropped;

    /**
     * @param boundary the multipart boundary for a WebView HTTP stream, or null for the native protocol's bare JPEGs
     * @param frames   sees each frame before it is released
     */
    SplitterPipeline(String boundary, Consumer<JpegFrame> frames) {
        this.frames = frames;
        channel = new EmbeddedChannel();
        pipeline = channel.pipeline();
        if (boundary != null) {
            pipeline.addLast("multipart", new MultipartStreamDecoder(boundary, this));
        }
        pipeline.addLast("jpeg", new JpegFrameDecoder(MAX_FRAME_SIZE, this));
        pipeline.addLast("frames", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                try {
                    framesOut++;
                    SplitterPipeline.this.frames.accept((JpegFrame) msg);
                } finally {
                    ReferenceCountUtil.release(msg);
                }
            }
        });
    }

    /** Feeds {@code data} in reads of {@code chunkBytes}; returns the frames that came out meanwhile. */
    long feed(byte[] data, int chunkBytes) {
        long before = framesOut;
        for (int offset = 0; offset < data.length; offset += chunkBytes) {
            int length = Math.min(chunkBytes, data.length - offset);
            // What a socket read does: fill a pooled direct buffer (the copy stands for the kernel's), pass it on.
            ByteBuf read = allocator.directBuffer(length).writeBytes(data, offset, length);
            pipeline.fireChannelRead(read);
            pipeline.fireChannelReadComplete();
        }
        channel.checkException();
        return framesOut - before;
    }

    long framesOut() {
        return framesOut;
    }

    /** Bytes skipped and frames dropped: zero on a clean stream. */
    long problems() {
        return bytesSkipped + framesDropped;
    }

    @Override
    public void bytesSkipped(int count) {
        bytesSkipped += count;
    }

    @Override
    public void frameCorrupt(String reason) {
        framesDropped++;
    }

    @Override
    public void frameOversize(int maxFrameSize) {
        framesDropped++;
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }
}
