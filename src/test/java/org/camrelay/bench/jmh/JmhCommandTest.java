package org.camrelay.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import org.camrelay.testing.BenchRun;
import org.junit.jupiter.api.Test;

/** {@code bench jmh}: the generated benchmark list is found and a tiny run prints its summary; no speed is tested. */
class JmhCommandTest {

    @Test
    void listsTheBenchmarksThatTheAnnotationProcessorGenerated() throws Exception {
        BenchRun run = BenchRun.of(JmhCommand::run, "-l");

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("org.camrelay.bench.jmh.SplitterBenchmark.nativeJpeg")
                .contains("org.camrelay.bench.jmh.SplitterBenchmark.httpMultipart");
    }

    @Test
    void aTinyRunInThisJvmPrintsMegabytesPerSecond() throws Exception {
        // -f 0: no fork, in this JVM; one short iteration of one parameter set
        BenchRun run = BenchRun.of(JmhCommand::run, "-f", "0", "-wi", "0", "-i", "1", "-r", "200ms", "-p",
                "chunkBytes=65536", "SplitterBenchmark.nativeJpeg");

        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("SplitterBenchmark.nativeJpeg chunkBytes=65536: [0-9.]+ MB/s, [0-9.]+"
                + " frames/s");
    }

    @Test
    void refusesAnUnknownOptionAndAnUnknownBenchmark() throws Exception {
        BenchRun unknownOption = BenchRun.of(JmhCommand::run, "-frobnicate");
        BenchRun unknownBenchmark = BenchRun.of(JmhCommand::run, "-f", "0", "NoSuchBenchmark");

        assertThat(unknownOption.status()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("-h lists");
        assertThat(unknownBenchmark.status()).isEqualTo(2);
        assertThat(unknownBenchmark.err()).contains("no benchmark matches");
    }
}
