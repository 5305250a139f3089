package org.camrelay.component.transcode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_d2q;
import static org.bytedeco.ffmpeg.global.avutil.av_inv_q;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set;

import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

/** Encodes yuv420p pictures with FLV1 or OpenH264, set up for live streaming: no frame is ever held back. */
final class VideoEncoder implements AutoCloseable {

    private static final int AGAIN = AVERROR_EAGAIN();

    private final AVCodecContext context;
    private final AVPacket packet = av_packet_alloc();
    private final long keyframeIntervalMillis;
    private long pictures;
    private long lastKeyframeMillis = Long.MIN_VALUE;

    VideoEncoder(TranscodeSettings settings) {
        keyframeIntervalMillis = Math.round(settings.keyframeIntervalSeconds() * 1000);
        String name = settings.codec().encoderName();
        AVCodec codec = avcodec_find_encoder_by_name(name);
        if (codec == null) {
            throw new IllegalStateException("this FFmpeg build has no " + name + " encoder");
        }
        context = avcodec_alloc_context3(codec);
        try {
            Av.allocated(context, "an encoder");
            Av.allocated(packet, "a packet");
            context.width(settings.width()).height(settings.height())
                    .pix_fmt(AV_PIX_FMT_YUV420P).color_range(AVCOL_RANGE_MPEG);
            // Pictures are numbered at the expected frame rate: rate control budgets bitrate / fps per picture,
            // and FLV1's (mpegvideo) takes pts as a frame count. The tags get the real timestamps in the muxer.
            try (AVRational frameRate = av_d2q(settings.fps(), 1000); AVRational framePeriod = av_inv_q(frameRate)) {
                context.framerate(frameRate).time_base(framePeriod);
            }
            context.bit_rate(settings.bitrate());
            context.gop_size(settings.gopSize());
            context.max_b_frames(0); // no reordering, so each picture comes out as soon as it goes in
            context.thread_count(1); // a stream is one thread's work; the other cores serve other streams
            // FLV carries the codec configuration once, ahead of the frames (H.264: the AVC sequence header)
            context.flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            switch (settings.codec()) {
                case FLV1 -> {
                    context.qmin(settings.qmin());
                    context.qmax(settings.qmax());
                }
                case H264 -> {
                    // qmin/qmax are H.263 quantizers; H.264's run 0..51 on another scale, so OpenH264 keeps its own
                    setOption("profile", "constrained_baseline");
                    setOption("rc_mode", "bitrate"); // the wrapper's default, quality mode, ignores the bitrate
                    setOption("allow_skip_frames", "0"); // a skipped frame would be a camera frame lost to viewers
                }
            }
            Av.check(avcodec_open2(context, codec, (AVDictionary) null), "opening the " + name + " encoder");
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** The opened codec context, for the muxer to describe the stream. */
    AVCodecContext context() {
        return context;
    }

    /** Encodes one picture and hands its packet to {@code sink} (there is one, at once, with these settings). */
    void encode(AVFrame picture, long timestampMillis, Consumer<AVPacket> sink) {
        picture.pts(pictures++);
        // The GOP counts frames, so a camera slower than expected would stretch it: force keyframes by time too.
        boolean due = lastKeyframeMillis == Long.MIN_VALUE || timestampMillis - lastKeyframeMillis >= keyframeIntervalMillis;
        picture.pict_type(due ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
        Av.check(avcodec_send_frame(context, picture), "encoding a picture");
        for (int received; (received = avcodec_receive_packet(context, packet)) != AGAIN; ) {
            Av.check(received, "encoding a picture");
            try {
                // the packet goes out with this frame's timestamp, so it must be this picture's
                if (packet.pts() != picture.pts()) {
                    throw new IllegalStateException("the encoder returned picture " + packet.pts() + " for picture "
                            + picture.pts());
                }
                if ((packet.flags() & AV_PKT_FLAG_KEY) != 0) {
                    lastKeyframeMillis = timestampMillis;
                }
                sink.accept(packet);
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    private void setOption(String option, String value) {
        Av.check(av_opt_set(context.priv_data(), option, value, 0), "setting " + option + "=" + value);
    }

    @Override
    public void close() {
        if (context != null) { // unlike the other free functions, this one does not accept NULL
            avcodec_free_context(context);
        }
        av_packet_free(packet);
    }
}
