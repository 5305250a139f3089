package org.camrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camrelay.testing.BenchRun.options;

import java.util.List;
import java.util.Map;

import org.camrelay.testing.BenchRun;
import org.junit.jupiter.api.Test;

/** {@code bench cameras}: its options, the routes it writes, the counters it reads, and a tiny real run. */
class CamerasPerNodeTest {

    @Test
    void optionsHaveDefaultsAndCanBeSet() {
        CamerasPerNode.Options defaults = options(CamerasPerNode.Options::read);
        assertThat(defaults).isEqualTo(new CamerasPerNode.Options(50, 50, 400, 20, 5, List.of(), false));
        assertThat(defaults.steps()).containsExactly(50, 100, 150, 200, 250, 300, 350, 400);

        CamerasPerNode.Options set = options(CamerasPerNode.Options::read, "--start", "10", "--step", "25", "--max",
                "70", "--seconds", "3", "--warmup", "1", "--keep-going", "--relay-java-options",
                " -Xmx1g  -XX:+UseSerialGC ");
        assertThat(set).isEqualTo(new CamerasPerNode.Options(10, 25, 70, 3, 1, List.of("-Xmx1g", "-XX:+UseSerialGC"),
                true));
        assertThat(set.steps()).containsExactly(10, 35, 60);
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> options(CamerasPerNode.Options::read, "--start", "x"))
                .hasMessage("--start must be a positive whole number, not 'x'");
        assertThatThrownBy(() -> options(CamerasPerNode.Options::read, "--start", "100", "--max", "50"))
                .hasMessage("--max 50 is below --start 100");
        assertThatThrownBy(() -> options(CamerasPerNode.Options::read, "--cams", "9"))
                .hasMessage("cams is not a recognized option");
        assertThatThrownBy(() -> options(CamerasPerNode.Options::read, "--seconds"))
                .hasMessage("Option seconds requires an argument");
        assertThatThrownBy(() -> options(CamerasPerNode.Options::read, "--keep-going", "yes"))
                .hasMessage("unexpected argument 'yes'");
    }

    @Test
    void routesAreTheTemplatesCamerasWithFlvOnly() {
        String xml = CamerasPerNode.routes(2, 4, 12345);
        assertThat(xml).contains("routeId=\"camera-cam0003\"", "routeId=\"camera-cam0004\"")
                .doesNotContain("cam0002", "cam0005")
                .contains("<parameter name=\"videoPort\" value=\"12345\"/>", "<parameter name=\"h264\" value=\"false\"/>",
                        "<parameter name=\"outputFps\" value=\"4\"/>", "<parameter name=\"size\" value=\"320x240\"/>");
    }

    @Test
    void countersAreReadFromTheCamerasApi() {
        String json = """
                {"cameras":[{"name":"cam0001","reconnects":2,"encodeMicrosPerFrame":812.5,
                  "framesDropped":{"corrupt":1,"oversize":0,"routeBusy":3,"limiter":40,"encoderBusy":5,
                    "encoderFailed":0,"slowViewers":7},
                  "outputs":[{"format":"mjpeg"},{"format":"flv"}]},
                 {"name":"cam0002","reconnects":0,"encodeMicrosPerFrame":0,
                  "framesDropped":{"corrupt":0,"oversize":0,"routeBusy":0,"limiter":0,"encoderBusy":0,
                    "encoderFailed":0,"slowViewers":0},
                  "outputs":[{"format":"mjpeg"}]}]}
                """;
        Map<String, CameraCounters> cameras = CameraCounters.parse(json);
        assertThat(cameras).containsOnlyKeys("cam0001", "cam0002");
        CameraCounters first = cameras.get("cam0001");
        assertThat(first.flvStreaming()).isTrue();
        assertThat(first.reconnects()).isEqualTo(2);
        assertThat(first.encodeMicros()).isEqualTo(812.5);
        assertThat(first.framesLost()).as("all but the limiter's").containsEntry("corrupt", 1L)
                .containsEntry("routeBusy", 3L).containsEntry("encoderBusy", 5L).containsEntry("slowViewers", 7L)
                .doesNotContainKey("limiter");
        assertThat(cameras.get("cam0002").flvStreaming()).isFalse();
    }

    /** A relay process, two cameras, one short step: the whole way through, not how fast. */
    @Test
    void aTinyRunMeasuresAStep() throws Exception {
        BenchRun run = BenchRun.of(CamerasPerNode::run, "--start", "2", "--max", "2", "--seconds", "1", "--warmup", "1");
        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("(?m)^ +2 +12 +[\\d.]+ +8 +[\\d.]+ ")
                .containsPattern("(?m)^cameras per node: ");
    }
}
