package org.camrelay.component.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;

import java.awt.Color;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.camrelay.component.transcode.TestJpegs.Subsampling;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decoding and scaling: full-range JPEG pictures of any subsampling become limited-range yuv420p. */
class PictureConversionTest {

    /** JPEG quantization moves solid colors a little. */
    private static final int TOLERANCE = 3;

    @ParameterizedTest
    @CsvSource({
        // BT.601 limited range: black 16, white 235, chroma 16..240 around 128
        "YUV420, 320, 240, yuvj420p, 000000, 16, 128, 128",
        "YUV420, 320, 240, yuvj420p, FFFFFF, 235, 128, 128",
        "YUV420, 320, 240, yuvj420p, FF0000, 81, 90, 240",
        "YUV422, 320, 240, yuvj422p, FF0000, 81, 90, 240",
        "YUV444, 320, 240, yuvj444p, FF0000, 81, 90, 240",
        "YUV444, 320, 240, yuvj444p, 0000FF, 41, 240, 110",
        "YUV420, 640, 480, yuvj420p, FFFFFF, 235, 128, 128",
        "YUV444, 640, 480, yuvj444p, 000000, 16, 128, 128",
    })
    void convertsToLimitedRangeYuv420pAtTheOutputSize(Subsampling subsampling, int width, int height,
            String decodedFormat, String rgb, int y, int u, int v) throws TranscodeException {
        byte[] jpeg = TestJpegs.solid(width, height, new Color(Integer.parseInt(rgb, 16)), subsampling);
        try (JpegDecoder decoder = new JpegDecoder(); FrameScaler scaler = new FrameScaler(320, 240)) {
            AVFrame decoded = decoder.decode(jpeg);
            assertThat(av_get_pix_fmt_name(decoded.format()).getString()).isEqualTo(decodedFormat);

            AVFrame scaled = scaler.scale(decoded);

            assertThat(scaled.format()).isEqualTo(AV_PIX_FMT_YUV420P);
            assertThat(scaled.width()).isEqualTo(320);
            assertThat(scaled.height()).isEqualTo(240);
            assertThat(centre(scaled, 0, 320, 240)).as("Y").isCloseTo(y, within(TOLERANCE));
            assertThat(centre(scaled, 1, 160, 120)).as("U").isCloseTo(u, within(TOLERANCE));
            assertThat(centre(scaled, 2, 160, 120)).as("V").isCloseTo(v, within(TOLERANCE));
        }
    }

    private static int centre(AVFrame frame, int plane, int width, int height) {
        return frame.data(plane).get((long) frame.linesize(plane) * (height / 2) + width / 2) & 0xFF;
    }
}
