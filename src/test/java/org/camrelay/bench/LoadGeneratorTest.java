package org.camrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.camrelay.component.live.LiveFormat;
import org.camrelay.component.live.LiveStream;
import org.camrelay.simulator.CameraSimulator;
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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LoadGenerator.run(new String[] {"--url", baseUrl() + "/cams/cam/" + stream, "--viewers",
                Integer.toString(VIEWERS), "--seconds", "4", "--pid", Long.toString(ProcessHandle.current().pid())},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines[0]).startsWith("bench load: " + baseUrl() + "/cams/cam/" + stream + ", 50 viewers, 4 s");
        Map<String, String> figures = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] keyValue = lines[i].split(": ", 2);
            figures.put(keyValue[0], keyValue[1]);
        }
        return figures;
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
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(LoadGenerator.run(new String[] {"--url", baseUrl() + "/cams/cam/stream.mp4"}, out, errors)).isEqualTo(2);
        assertThat(LoadGenerator.run(new String[] {"--viewers", "-3"}, out, errors)).isEqualTo(2);
        String unreachable = "http://127.0.0.1:" + Http.freePort() + "/cams/cam/stream.flv";
        assertThat(LoadGenerator.run(new String[] {"--url", unreachable}, out, errors)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("must end in .flv or .mjpeg")
                .contains("--viewers must be a positive whole number").contains("the relay is unreachable at");
    }
}
