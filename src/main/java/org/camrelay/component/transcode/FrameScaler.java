package org.camrelay.component.transcode;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.sws_alloc_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale_frame;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;

/**
 * Converts decoded pictures to the encoders' input: the output size, yuv420p, limited (TV) range.
 * <p>
 * JPEG pictures are full range (0-255); the encoders expect limited range (16-235). The context is left
 * uninitialised so that {@code sws_scale_frame} configures it from each frame's own size, pixel format and
 * color range (the mjpeg decoder's yuvj formats count as full range), and sets it up again only when they change.
 */
final class FrameScaler implements AutoCloseable {

    private final SwsContext context = sws_alloc_context();
    private final AVFrame output = av_frame_alloc();

    FrameScaler(int width, int height) {
        try {
            Av.allocated(context, "a scaler");
            Av.allocated(output, "a frame");
            // cameras mostly send the output size or larger: area averaging shrinks without aliasing, at about
            // two thirds of bicubic's cost
            context.flags(SWS_AREA);
            output.format(AV_PIX_FMT_YUV420P).width(width).height(height).color_range(AVCOL_RANGE_MPEG);
            Av.check(av_frame_get_buffer(output, 0), "allocating a picture");
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** The scaled picture; valid until the next call. */
    AVFrame scale(AVFrame picture) {
        // the encoder may still reference the last picture; if so this gives the output a fresh buffer
        Av.check(av_frame_make_writable(output), "making a picture writable");
        Av.check(sws_scale_frame(context, output, picture), "scaling a picture");
        return output;
    }

    @Override
    public void close() {
        sws_freeContext(context);
        context.setNull(); // sws_freeContext cannot clear our copy of the address, as the av_*_free functions do
        av_frame_free(output);
    }
}
