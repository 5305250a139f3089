package org.camrelay.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** {@code bench jmh}: the generated benchmark list is found and a tiny run prints its summary; no speed is tested. */
class JmhCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return JmhCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listsTheBenchmarksThatTheAnnotationProcessorGenerated() {
        assertThat(run("-l")).isZero();

        assertThat(printed()).contains("org.camrelay.bench.jmh.SplitterBenchmark.nativeJpeg")
                .contains("org.camrelay.bench.jmh.SplitterBenchmark.httpMultipart");
    }

    @Test
    void aTinyRunInThisJvmPrintsMegabytesPerSecond() {
        // -f 0: no fork, in this JVM; one short iteration of one parameter set
        int status = run("-f", "0", "-wi", "0", "-i", "1", "-r", "200ms", "-p", "chunkBytes=65536",
                "SplitterBenchmark.nativeJpeg");

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed()).containsPattern("SplitterBenchmark.nativeJpeg chunkBytes=65536: [0-9.]+ MB/s, [0-9.]+"
                + " frames/s");
    }

    @Test
    void refusesAnUnknownOptionAndAnUnknownBenchmark() {
        assertThat(run("-frobnicate")).isEqualTo(2);
        assertThat(run("-f", "0", "NoSuchBenchmark")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("-h lists").contains("no benchmark matches");
    }
}
