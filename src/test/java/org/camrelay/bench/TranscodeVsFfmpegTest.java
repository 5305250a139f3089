package org.camrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camrelay.testing.BenchRun.options;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.camrelay.testing.BenchRun;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code bench transcode-vs-ffmpeg}: its options, and a tiny run against the real ffmpeg. */
class TranscodeVsFfmpegTest {

    private static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");

    @Test
    void optionsHaveDefaultsAndCanBeSet() {
        assertThat(options(TranscodeVsFfmpeg.Options::read))
                .isEqualTo(new TranscodeVsFfmpeg.Options(1000, 300, 3, FFMPEG));
        assertThat(options(TranscodeVsFfmpeg.Options::read, "--frames", "20", "--rounds", "1", "--warmup-frames", "5",
                "--ffmpeg", "/opt/ffmpeg")).isEqualTo(new TranscodeVsFfmpeg.Options(20, 5, 1, Path.of("/opt/ffmpeg")));
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> options(TranscodeVsFfmpeg.Options::read, "--frames", "0"))
                .hasMessage("--frames must be a positive whole number, not '0'");
        assertThatThrownBy(() -> options(TranscodeVsFfmpeg.Options::read, "--frames", "1"))
                .hasMessage("--frames must be at least 2, not 1");
        assertThatThrownBy(() -> options(TranscodeVsFfmpeg.Options::read, "--speed", "9"))
                .hasMessage("speed is not a recognized option");
        assertThatThrownBy(() -> options(TranscodeVsFfmpeg.Options::read, "--rounds"))
                .hasMessage("Option rounds requires an argument");
    }

    @Test
    void aMissingFfmpegIsSaidClearly() throws Exception {
        BenchRun run = BenchRun.of(TranscodeVsFfmpeg::run, "--ffmpeg", "/nonexistent/ffmpeg");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("no ffmpeg at /nonexistent/ffmpeg");
    }

    @Test
    void bothSidesEncodeEveryFrameAndARatioIsPrinted() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(FFMPEG), FFMPEG + " is not installed: apt-get install ffmpeg"
                + " (.ci/run installs it)");
        BenchRun run = BenchRun.of(TranscodeVsFfmpeg::run, "--frames", "20", "--rounds", "1", "--warmup-frames", "5");
        assertThat(run.status()).as(run.toString()).isZero();
        Map<String, String> figures = run.figures();
        assertThat(figures).containsEntry("camrelay frames out", "20").containsEntry("ffmpeg frames out", "20");
        assertThat(Double.parseDouble(figures.get("camrelay kB out"))).isPositive();
        assertThat(Double.parseDouble(figures.get("ffmpeg kB out"))).isPositive();
        // 20 frames are too few for a meaningful ratio (ffmpeg's CPU time comes in 10 ms ticks), only for a number
        assertThat(figures.get("ratio camrelay/ffmpeg frames per cpu s")).matches("-?\\d+\\.\\d\\d|-?Infinity|NaN");
        assertThat(figures).containsKey("note");
    }
}
