package org.camrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camrelay.testing.BenchRun.options;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camrelay.testing.BenchRun;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks' command lines (fanout, peer and load), the relay's generated files and the peer's clock matching.
 */
class BenchOptionsTest {

    @Test
    void fanoutDefaultsToTheIssueSteps() {
        FanoutBench.Options options = options(FanoutBench.Options::read);
        assertThat(options.steps()).containsExactly(1000, 2000, 5000, 10000);
        assertThat(options.mjpeg()).isEqualTo(1000);
        assertThat(options.seconds()).isEqualTo(20);
        assertThat(options.mostViewers()).isEqualTo(10000);
        assertThat(options.relayJava()).isEmpty();
    }

    @Test
    void fanoutTakesStepsMjpegOffAndJavaOptions() {
        FanoutBench.Options options = options(FanoutBench.Options::read, "--steps", "20, 300", "--mjpeg", "0",
                "--seconds", "3", "--threads=2", "--relay-java-options", " -Xmx1g  -XX:+UseParallelGC ");
        assertThat(options.steps()).containsExactly(20, 300);
        assertThat(options.mjpeg()).isZero();
        assertThat(options.seconds()).isEqualTo(3);
        assertThat(options.threads()).isEqualTo(2);
        assertThat(options.relayJava()).containsExactly("-Xmx1g", "-XX:+UseParallelGC");
        assertThat(options.mostViewers()).isEqualTo(300);
    }

    @Test
    void badOptionsAreSaid() {
        assertThatThrownBy(() -> options(FanoutBench.Options::read, "--steps", "1000,x"))
                .hasMessage("--steps must be a positive whole number, not 'x'");
        assertThatThrownBy(() -> options(FanoutBench.Options::read, "--mjpeg", "-1"))
                .hasMessage("--mjpeg must be 0 or more, not '-1'");
        assertThatThrownBy(() -> options(FanoutBench.Options::read, "--viewers", "10"))
                .hasMessage("viewers is not a recognized option");
        assertThatThrownBy(() -> options(FanoutBench.Options::read, "--step", "10"))
                .as("no abbreviations").hasMessage("step is not a recognized option");
        assertThatThrownBy(() -> options(FanoutBench.Options::read, "--seconds", "3", "20"))
                .hasMessage("unexpected argument '20'");
        assertThatThrownBy(() -> options(PeerBench.Options::read, "--seconds")).hasMessage(
                "Option seconds requires an argument");
        assertThatThrownBy(() -> options(LoadOptions::read, "--viewers", "10")).hasMessage(
                "Missing required option(s) [url]");
        assertThatThrownBy(() -> options(LoadOptions::read, "--url", "http://127.0.0.1:1/a.mjpeg", "--epoch", "5"))
                .hasMessageContaining("--epoch dates FLV tags");
    }

    @Test
    void helpListsTheOptionsWithTheirDefaults() throws Exception {
        BenchRun help = BenchRun.of(FanoutBench::run, "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).startsWith("usage: java -jar target/camrelay-bench.jar fanout [options]\n")
                .containsPattern("--steps <N,N,...> +FLV viewers of each run, one run after the other"
                        + " \\(default: \\[1000, 2000, 5000,\\s+10000\\]\\)")
                .containsPattern("--mjpeg <N> +MJPEG viewers after the FLV runs; 0 for none \\(default: 1000\\)")
                .containsPattern("--relay-java-options <TEXT> +options for the relay's JVM, such as \"-Xmx1g"
                        + " -XX:\\+UseParallelGC\" *\n")
                .contains("--help");
        assertThat(help.err()).isEmpty();

        BenchRun wrong = BenchRun.of(FanoutBench::run, "--steps", "0");
        assertThat(wrong.status()).isEqualTo(2);
        assertThat(wrong.out()).isEmpty();
        assertThat(wrong.err()).startsWith("bench fanout: --steps must be a positive whole number, not '0'\n"
                + "usage: java -jar target/camrelay-bench.jar fanout [options]\n").contains("--steps <N,N,...>");
    }

    @Test
    void peerDefaultsAndOptions() {
        PeerBench.Options defaults = options(PeerBench.Options::read);
        assertThat(defaults.viewers()).isEqualTo(1000);
        assertThat(defaults.seconds()).isEqualTo(20);
        assertThat(defaults.peerFolder()).isEqualTo(Path.of("bench", "peer"));
        assertThat(defaults.ffmpeg()).isEqualTo("ffmpeg");
        PeerBench.Options options = options(PeerBench.Options::read, "--viewers", "10", "--seconds", "3",
                "--peer-folder", "/tmp/peer", "--ffmpeg", "/usr/bin/ffmpeg");
        assertThat(options.viewers()).isEqualTo(10);
        assertThat(options.peerFolder()).isEqualTo(Path.of("/tmp/peer"));
        assertThat(options.ffmpeg()).isEqualTo("/usr/bin/ffmpeg");
    }

    @Test
    void loadOptionsTakeAnEpochForFlv() {
        LoadOptions options = options(LoadOptions::read, "--url", "http://127.0.0.1:8000/live/demo.flv", "--epoch",
                "1700000000000");
        assertThat(options.epoch()).isEqualTo(1_700_000_000_000L);
        LoadOptions defaults = options(LoadOptions::read, "--url", "http://127.0.0.1:8000/live/demo.flv");
        assertThat(defaults.epoch()).isEqualTo(LoadOptions.NO_EPOCH);
        assertThat(defaults).extracting(LoadOptions::viewers, LoadOptions::seconds, LoadOptions::rampPerSecond,
                LoadOptions::pid, LoadOptions::threads).containsExactly(1000, 30, 500, 0L, 1);
    }

    @Test
    void theDemoRouteGetsRoomForTheViewers() {
        String demo = "<camel>\n  <templatedRoute routeTemplateRef=\"camera\" routeId=\"camera-demo\">\n"
                + "    <parameter name=\"name\" value=\"demo\"/>\n  </templatedRoute>\n</camel>\n";
        String raised = RelayProcess.withMaxViewers(demo, 12000);
        assertThat(raised).contains("<parameter name=\"maxViewers\" value=\"12000\"/>\n  </templatedRoute>");
        assertThat(RelayProcess.withMaxViewers(raised, 500)).contains("value=\"500\"").doesNotContain("12000");
    }

    @Test
    void theRelayConfigurationIsTheProjectsWithOverrides() {
        String base = "# comment = kept\ncamrelay.http.port = {{env:CAMRELAY_HTTP_PORT:8080}}\ncamrelay.hawtio.enabled = true\n"
                + "camel.main.name = camrelay\n";
        String config = RelayProcess.override(base, Map.of("camrelay.http.port", "12345", "camrelay.hawtio.enabled",
                "false", "camrelay.routes.scan-interval", "0"));
        assertThat(config).isEqualTo("# comment = kept\ncamrelay.http.port = 12345\ncamrelay.hawtio.enabled = false\n"
                + "camel.main.name = camrelay\ncamrelay.routes.scan-interval = 0\n");
    }

    @Test
    void tooFewDescriptorsOrPortsAreWarnedOf() {
        ConnectionLimits limits = new ConnectionLimits(1024, 28232, "32768-60999", "2");
        assertThat(limits.warnings(10000)).singleElement().asString().contains("open-files limit 1024");
        assertThat(limits.warnings(500)).isEmpty();
        assertThat(new ConnectionLimits(100_000, 5000, "60000-64999", "0").warnings(10000)).singleElement().asString()
                .contains("ephemeral port range");
    }

    /** Relay tags at a 6 fps camera limited to 4 fps: 167 and 333 ms apart, a few ms of jitter. */
    private static List<long[]> relayTags() {
        List<long[]> tags = new ArrayList<>();
        long millis = 5000;
        for (int i = 0; i < 24; i++) {
            millis += i % 2 == 0 ? 167 + i % 3 : 333 - i % 4;
            tags.add(new long[] {millis, millis * 1000 + 3000});
        }
        return tags;
    }

    @Test
    void thePeersKeptTimestampsMatchWithTheirHop() throws IOException {
        List<long[]> relay = relayTags();
        // The peer starts later, with the same timestamps, each tag 2 ms after the relay's viewer got it.
        List<long[]> peer = relay.subList(5, 24).stream().map(tag -> new long[] {tag[0], tag[1] + 2000}).toList();
        PeerClock.Calibration clock = PeerClock.match(relay, peer);
        assertThat(clock.offsetMillis()).isZero();
        assertThat(clock.matched()).isEqualTo(19);
        assertThat(clock.hop().percentile(50)).isEqualTo(2000);
    }

    @Test
    void aPeerThatRebasesIsShiftedBack() throws IOException {
        List<long[]> relay = relayTags();
        long rebase = relay.get(3)[0];
        List<long[]> peer = relay.subList(3, 24).stream().map(tag -> new long[] {tag[0] - rebase, tag[1] + 1000})
                .toList();
        PeerClock.Calibration clock = PeerClock.match(relay, peer);
        assertThat(clock.offsetMillis()).isEqualTo(rebase);
        assertThat(clock.matched()).isEqualTo(21);
    }

    @Test
    void unrelatedTimestampsAreRefused() {
        List<long[]> peer = List.of(new long[] {1, 0}, new long[] {2, 0}, new long[] {4, 0}, new long[] {8, 0},
            new long[] {16, 0}, new long[] {32, 0});
        assertThatThrownBy(() -> PeerClock.match(relayTags(), peer)).isInstanceOf(IOException.class)
                .hasMessageContaining("do not come through unchanged");
    }

    @Test
    void ffmpegCopiesTheRelaysTimestamps() {
        assertThat(PeerBench.ffmpegCommand("ffmpeg", URI.create("http://127.0.0.1:1/cams/demo/stream.flv"),
                URI.create("rtmp://127.0.0.1:2/live/demo"))).containsSubsequence("-copyts", "-i",
                "http://127.0.0.1:1/cams/demo/stream.flv", "-c", "copy", "-f", "flv", "rtmp://127.0.0.1:2/live/demo");
    }
}
