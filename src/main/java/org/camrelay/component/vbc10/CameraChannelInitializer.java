package org.camrelay.component.vbc10;

import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.timeout.IdleStateHandler;

/**
 * Builds the pipeline of one camera connection. Native, videogram dialect:
 * {@code meter > start > videogram > jpeg > pacer > stall > camera}, where the videogram decoder frames by the length
 * fields and the JPEG decoder checks each frame payload; native, simple dialect:
 * {@code meter > handshake > jpeg > pacer > stall > camera}; HTTP:
 * {@code meter > http > stream > (multipart, once the response is in) > jpeg > stall > camera}. The stall detector
 * sits behind the JPEG decoder so that only complete frames count as signs of life.
 */
final class CameraChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final Vbc10Consumer consumer;
    private final Vbc10Configuration configuration;
    private final CameraStatistics statistics;

    CameraChannelInitializer(Vbc10Consumer consumer, Vbc10Configuration configuration, CameraStatistics statistics) {
        this.consumer = consumer;
        this.configuration = configuration;
        this.statistics = statistics;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        StreamEventLogger events = new StreamEventLogger(configuration.getName(), statistics);
        ReceiveMeter meter = new ReceiveMeter(statistics);
        boolean nativeProtocol = configuration.getTransport() == Vbc10Transport.NATIVE;
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("meter", meter);
        if (nativeProtocol) {
            addNative(pipeline, events);
        } else {
            pipeline.addLast("http", new HttpClientCodec());
            pipeline.addLast("stream", new HttpStreamHandler(configuration, events));
            pipeline.addLast("jpeg", new JpegFrameDecoder(configuration.getMaxFrameSize(), events));
        }
        pipeline.addLast("stall", new IdleStateHandler(configuration.getStallTimeout(), 0, 0, TimeUnit.MILLISECONDS));
        pipeline.addLast("camera", new CameraConnectionHandler(consumer, meter, configuration.getStallTimeout()));
    }

    /** The native transport's handlers up to the frame pacer, in the configured dialect. */
    private void addNative(ChannelPipeline pipeline, StreamEventLogger events) {
        byte[] request;
        if (configuration.getNativeDialect() == Vbc10NativeDialect.SIMPLE) {
            pipeline.addLast("handshake", new NativeHandshakeHandler(configuration.handshakeBytes()));
            pipeline.addLast("jpeg", new JpegFrameDecoder(configuration.getMaxFrameSize(), events));
            request = configuration.frameRequestBytes();
        } else {
            pipeline.addLast("start", new VideogramStartHandler(configuration.getName(),
                    configuration.nativeLoginBytes(), configuration.imageSizeValue(),
                    configuration.nativeReplyTimeout()));
            pipeline.addLast("videogram", new VideogramDecoder(configuration.getMaxFrameSize(), events));
            pipeline.addLast("jpeg", new JpegPayloadDecoder(configuration.getMaxFrameSize(), events));
            request = Videogram.frameRequest();
        }
        pipeline.addLast("pacer", new FrameRequestPacer(request, configuration.getFps(), responseTimeoutNanos()));
    }

    /**
     * A fifth of the stall timeout, at least two frame intervals: long enough for a frame on a slow link, short enough
     * to recover from a lost frame well before the connection counts as stalled.
     */
    private long responseTimeoutNanos() {
        long twoFrames = Math.round(2 * TimeUnit.SECONDS.toNanos(1) / configuration.getFps());
        return Math.max(twoFrames, TimeUnit.MILLISECONDS.toNanos(configuration.getStallTimeout()) / 5);
    }
}
