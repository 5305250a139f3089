package org.camrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.camrelay.testing.BenchRun;
import org.junit.jupiter.api.Test;

/**
 * {@code bench fanout} for real, kept tiny: the relay as a child process from the project's configuration,
 * one small FLV step and a small MJPEG run, then the relay stopped. Checks that the table is there and the
 * viewers streamed, not how fast (a benchmark's figures, not a test's).
 */
class FanoutBenchTest {

    @Test
    void aTinyFanoutRunsTheRelayAndPrintsOneRowPerRun() throws Exception {
        BenchRun run = BenchRun.of(FanoutBench::run, "--steps", "20", "--mjpeg", "20", "--seconds", "3");
        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.lines()).anyMatch(line -> line.startsWith("limits: open files per process"))
                .anyMatch(line -> line.startsWith("relay idle (camera, transcoding, no viewers): cpu"))
                .anyMatch(line -> line.startsWith("run ") && line.contains("p99 ms") && line.contains("rss MB"))
                .anyMatch(line -> line.startsWith("target FLV 20 viewers, every viewer every frame and p99 < 100 ms: "))
                .anyMatch(line -> line.startsWith("target MJPEG 20 viewers, every viewer every frame and p99 < 10 ms: "));
        // run, viewers, connected, refused, failed, dropped: every viewer streamed.
        assertThat(run.row("stream.flv ")).startsWith("stream.flv", "20", "20", "0", "0", "0");
        assertThat(run.row("stream.mjpeg ")).startsWith("stream.mjpeg", "20", "20", "0", "0", "0");
    }

    @Test
    void badArgumentsPrintTheUsage() throws Exception {
        BenchRun run = BenchRun.of(FanoutBench::run, "--steps", "0");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--steps must be a positive whole number")
                .contains("usage: java -jar target/camrelay-bench.jar fanout [options]").contains("--mjpeg <N>");
    }
}
