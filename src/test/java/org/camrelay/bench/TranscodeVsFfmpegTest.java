package org.camrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code bench transcode-vs-ffmpeg}: its options, and a tiny run against the real ffmpeg. */
class TranscodeVsFfmpegTest {

    private static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");

    @Test
    void optionsHaveDefaultsAndCanBeSet() {
        assertThat(TranscodeVsFfmpegOptions.parse(new String[0]))
                .isEqualTo(new TranscodeVsFfmpegOptions(1000, 300, 3, FFMPEG));
        assertThat(TranscodeVsFfmpegOptions.parse(new String[] {"--frames", "20", "--rounds", "1", "--warmup-frames",
                "5", "--ffmpeg", "/opt/ffmpeg"})).isEqualTo(new TranscodeVsFfmpegOptions(20, 5, 1, Path.of("/opt/ffmpeg")));
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> TranscodeVsFfmpegOptions.parse(new String[] {"--frames", "0"}))
                .hasMessage("--frames must be a positive whole number, not '0'");
        assertThatThrownBy(() -> TranscodeVsFfmpegOptions.parse(new String[] {"--frames", "1"}))
                .hasMessageContaining("at least 2");
        assertThatThrownBy(() -> TranscodeVsFfmpegOptions.parse(new String[] {"--speed", "9"}))
                .hasMessage("unknown option --speed");
        assertThatThrownBy(() -> TranscodeVsFfmpegOptions.parse(new String[] {"--rounds"}))
                .hasMessage("--rounds needs a value");
    }

    @Test
    void aMissingFfmpegIsSaidClearly() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TranscodeVsFfmpeg.run(new String[] {"--ffmpeg", "/nonexistent/ffmpeg"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no ffmpeg at /nonexistent/ffmpeg");
    }

    @Test
    void bothSidesEncodeEveryFrameAndARatioIsPrinted() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(FFMPEG), FFMPEG + " is not installed: apt-get install ffmpeg"
                + " (.ci/run installs it)");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TranscodeVsFfmpeg.run(new String[] {"--frames", "20", "--rounds", "1", "--warmup-frames", "5"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        Map<String, String> figures = new HashMap<>();
        out.toString(StandardCharsets.UTF_8).lines().map(line -> line.split(": ", 2)).filter(kv -> kv.length == 2)
                .forEach(kv -> figures.put(kv[0], kv[1]));
        assertThat(figures).containsEntry("camrelay frames out", "20").containsEntry("ffmpeg frames out", "20");
        assertThat(Double.parseDouble(figures.get("camrelay kB out"))).isPositive();
        assertThat(Double.parseDouble(figures.get("ffmpeg kB out"))).isPositive();
        // 20 frames are too few for a meaningful ratio (ffmpeg's CPU time comes in 10 ms ticks), only for a number
        assertThat(figures.get("ratio camrelay/ffmpeg frames per cpu s")).matches("-?\\d+\\.\\d\\d|-?Infinity|NaN");
        assertThat(figures).containsKey("note");
    }
}
