package org.camrelay.component.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TranscodeSettingsTest {

    @ParameterizedTest
    @CsvSource({"4, 2.0, 8", "6, 1.25, 8", "30, 2.0, 60", "0.2, 2.0, 1", "4, 0.1, 1"})
    void gopIsTheKeyframeIntervalInFramesAtLeastOne(double fps, double interval, int gop) {
        TranscodeSettings settings = new TranscodeSettings(VideoCodec.FLV1, 320, 240, fps, 500_000, 1, 5, interval);

        assertThat(settings.gopSize()).isEqualTo(gop);
    }

    @ParameterizedTest
    @CsvSource({
        "321, 240, 4, 500000, 1, 5, 2", "320, 0, 4, 500000, 1, 5, 2", "320, 240, 0, 500000, 1, 5, 2",
        "320, 240, 4, 0, 1, 5, 2", "320, 240, 4, 500000, 0, 5, 2", "320, 240, 4, 500000, 6, 5, 2",
        "320, 240, 4, 500000, 1, 32, 2", "320, 240, 4, 500000, 1, 5, 0", "320, 240, NaN, 500000, 1, 5, 2"})
    void rejectsSettingsNoEncoderCanUse(int width, int height, double fps, int bitrate, int qmin, int qmax,
            double interval) {
        assertThatIllegalArgumentException().isThrownBy(
                () -> new TranscodeSettings(VideoCodec.FLV1, width, height, fps, bitrate, qmin, qmax, interval));
    }

    @ParameterizedTest
    @CsvSource({"FLV1", "H264"})
    void withCodecKeepsTheRest(VideoCodec codec) {
        assertThat(TranscodeSettings.DEFAULT.withCodec(codec))
                .isEqualTo(new TranscodeSettings(codec, 320, 240, 4, 500_000, 1, 5, 2.0));
    }
}
