package org.camrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code bench fanout} for real, kept tiny: the relay as a child process from the project's configuration,
 * one small FLV step and a small MJPEG run, then the relay stopped. Checks that the table is there and the
 * viewers streamed, not how fast (a benchmark's figures, not a test's).
 */
class FanoutBenchTest {

    @Test
    void aTinyFanoutRunsTheRelayAndPrintsOneRowPerRun() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = FanoutBench.run(new String[] {"--steps", "20", "--mjpeg", "20", "--seconds", "3"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(err.toString(StandardCharsets.UTF_8) + output).isZero();
        List<String> lines = Arrays.asList(output.split("\n"));
        assertThat(lines).anyMatch(line -> line.startsWith("limits: open files per process"))
                .anyMatch(line -> line.startsWith("relay idle (camera, transcoding, no viewers): cpu"))
                .anyMatch(line -> line.startsWith("run ") && line.contains("p99 ms") && line.contains("rss MB"))
                .anyMatch(line -> line.startsWith("target FLV 20 viewers, every viewer every frame and p99 < 100 ms: "))
                .anyMatch(line -> line.startsWith("target MJPEG 20 viewers, every viewer every frame and p99 < 10 ms: "));
        // run, viewers, connected, refused, failed, dropped: every viewer streamed.
        assertThat(lines.stream().filter(line -> line.startsWith("stream.flv ")).findFirst().orElseThrow().split("\\s+"))
                .startsWith("stream.flv", "20", "20", "0", "0", "0");
        assertThat(lines.stream().filter(line -> line.startsWith("stream.mjpeg ")).findFirst().orElseThrow().split("\\s+"))
                .startsWith("stream.mjpeg", "20", "20", "0", "0", "0");
    }

    @Test
    void badArgumentsPrintTheUsage() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = FanoutBench.run(new String[] {"--steps", "0"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--steps must be a positive whole number")
                .contains(FanoutOptions.USAGE);
    }
}
