package org.camrelay.component.transcode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_EF_EXPLODE;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/** Decodes JPEG images with FFmpeg's mjpeg decoder, one image in, one picture out. */
final class JpegDecoder implements AutoCloseable {

    private final AVCodecContext context;
    private final AVPacket packet = av_packet_alloc();
    private final AVFrame picture = av_frame_alloc();

    JpegDecoder() {
        AVCodec codec = avcodec_find_decoder(AV_CODEC_ID_MJPEG);
        context = avcodec_alloc_context3(codec);
        try {
            Av.allocated(context, "a decoder");
            Av.allocated(packet, "a packet");
            Av.allocated(picture, "a frame");
            // frame threading would hold pictures back; one thread returns each picture at once
            context.thread_count(1);
            // reject damaged images instead of concealing the damage: the encoder would predict from a smeared
            // picture until the next keyframe
            context.err_recognition(AV_EF_EXPLODE);
            Av.check(avcodec_open2(context, codec, (AVDictionary) null), "opening the mjpeg decoder");
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** The decoded picture, in the decoder's own pixel format (e.g. full-range yuvj420p); valid until the next call. */
    AVFrame decode(byte[] jpeg) throws TranscodeException {
        Av.check(av_new_packet(packet, jpeg.length), "allocating a packet");
        packet.data().put(jpeg);
        int sent = avcodec_send_packet(context, packet);
        av_packet_unref(packet); // the decoder holds its own reference
        if (sent < 0) {
            throw new TranscodeException("corrupt JPEG (" + jpeg.length + " bytes): " + Av.describe(sent));
        }
        int received = avcodec_receive_frame(context, picture);
        if (received < 0) {
            throw new TranscodeException("JPEG (" + jpeg.length + " bytes) gave no picture: " + Av.describe(received));
        }
        return picture;
    }

    @Override
    public void close() {
        if (context != null) { // unlike the other free functions, this one does not accept NULL
            avcodec_free_context(context);
        }
        av_packet_free(packet);
        av_frame_free(picture);
    }
}
