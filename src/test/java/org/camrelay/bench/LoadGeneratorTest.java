package org.camrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.camrelay.component.live.LiveFormat;
import org.camrelay.component.live.LiveStream;
import org.camrelay.simulator.CameraSimulator;
import org.camrelay.testing.BenchRun;
import org.camrelay.testing.Http;
import org.camrelay.testing.RelayTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code bench load} against a relay in this process, camera to viewers over real sockets, on both formats. */
class LoadGeneratorTest extends RelayTestSupport {

    private static final int VIEWERS = 50;

    private static CameraSimulator simulator;

    @BeforeAll
    static void startSimulator() {
        simulator = CameraSimulator.builder().bindHost("127.0.0.1").nativePort(0).httpPort(0).fps(30).size(320, 240)
                .name("load").build();
        simulator.start();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @Override
    protected List<RoutesBuilder> testRoutes() {
        return List.of(new RouteBuilder() {
            @Override
            public void configure() {
                from("vbc10:cam?host=127.0.0.1&fps=6&videoPort=" + simulator.nativePort()).routeId("cam")
                        .multicast()
                            .to("live:cam")
                            .pipeline()
                                .to("transcode:cam/stream?codec=flv1&fps=6")
                                .to("live:cam/stream?format=flv")
                            .end()
                        .end();
            }
        });
    }

    /** Runs the generator for a few seconds and returns its {@code key: value} lines. */
    private Map<String, String> load(String stream, LiveFormat format) throws Exception {
        // Until its first frame an FLV stream has no epoch, so its viewers could not date their tags.
        LiveStream live = streams().find("cam", "stream", format);
        long deadline = System.currentTimeMillis() + 10_000;
        while ((format == LiveFormat.FLV ? live.epochMillis() == 0 : live.latestImage() == null)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        BenchRun run = BenchRun.of(LoadGenerator::run, "--url", baseUrl() + "/cams/cam/" + stream, "--viewers",
                Integer.toString(VIEWERS), "--seconds", "4", "--pid", Long.toString(ProcessHandle.current().pid()));
        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.lines().get(0)).startsWith("bench load: " + baseUrl() + "/cams/cam/" + stream
                + ", 50 viewers, 4 s");
        return run.figures();
    }

    private static void assertSane(Map<String, String> figures) {
        assertThat(figures).containsEntry("viewers connected", "50").containsEntry("viewers measured", "50")
                .containsEntry("viewers refused", "0").containsEntry("viewers failed", "0")
                .containsEntry("viewers dropped", "0");
        assertThat(Integer.parseInt(figures.get("frames per viewer min"))).isPositive();
        assertThat(Long.parseLong(figures.get("lag samples"))).isPositive();
        assertThat(Double.parseDouble(figures.get("lag p99 ms"))).isLessThan(1000);
        assertThat(Double.parseDouble(figures.get("relay cpu s"))).isPositive();
        assertThat(Double.parseDouble(figures.get("relay rss MB end"))).isPositive();
    }

    @Test
    void flvViewersAllStreamWithLagUnderASecond() throws Exception {
        Map<String, String> figures = load("stream.flv", LiveFormat.FLV);
        assertSane(figures);
        assertThat(figures).containsEntry("keyframe skips", "0");
    }

    @Test
    void mjpegViewersMissNothingAtLowFrameRates() throws Exception {
        Map<String, String> figures = load("stream.mjpeg", LiveFormat.MJPEG);
        assertSane(figures);
        assertThat(figures).containsEntry("missed total", "0").doesNotContainKey("keyframe skips");
    }

    @Test
    void badArgumentsAndAnUnreachableRelayAreSaidClearly() throws Exception {
        BenchRun mp4 = BenchRun.of(LoadGenerator::run, "--url", baseUrl() + "/cams/cam/stream.mp4");
        BenchRun negative = BenchRun.of(LoadGenerator::run, "--url", baseUrl() + "/cams/cam/stream.flv", "--viewers",
                "-3");
        String unreachable = "http://127.0.0.1:" + Http.freePort() + "/cams/cam/stream.flv";
        BenchRun nobody = BenchRun.of(LoadGenerator::run, "--url", unreachable);
        assertThat(mp4.status()).isEqualTo(2);
        assertThat(mp4.err()).contains("must end in .flv or .mjpeg");
        assertThat(negative.status()).isEqualTo(2);
        assertThat(negative.err()).contains("--viewers must be a positive whole number");
        assertThat(nobody.status()).isEqualTo(1);
        assertThat(nobody.err()).contains("the relay is unreachable at");
    }
}
