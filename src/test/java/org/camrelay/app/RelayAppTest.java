package org.camrelay.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.apache.camel.main.Main;
import org.camrelay.bench.stream.MjpegViewer;
import org.camrelay.testing.Ffmpeg;
import org.camrelay.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default exactly as shipped: {@code config/application.properties} and {@code routes/demo.xml}
 * with the in-process simulator, only on free ports, checked with real clients.
 */
class RelayAppTest {

    private static Main main;
    private static String base;

    @BeforeAll
    static void startRelay() throws Exception {
        int httpPort = Http.freePort();
        base = "http://127.0.0.1:" + httpPort;
        main = CamRelay.create(Path.of(CamRelay.DEFAULT_CONFIG), Map.of(
                "camrelay.http.port", Integer.toString(httpPort),
                "camrelay.simulator.native-port", Integer.toString(Http.freePort()),
                "camrelay.simulator.http-port", Integer.toString(Http.freePort()),
                "camrelay.simulator.control-port", Integer.toString(Http.freePort()),
                // The console's users are created at first start; keep them out of the project's config/.
                "camrelay.users.file", Files.createTempDirectory("camrelay-users").resolve("users.properties").toString()));
        main.start();
        long deadline = System.currentTimeMillis() + 15_000;
        while (Http.get(base + "/cams/demo/snapshot.jpg").statusCode() != 200) {
            assertThat(System.currentTimeMillis()).as("demo camera delivers a first frame").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    @AfterAll
    static void stopRelay() throws Exception {
        if (main != null) {
            main.stop();
        }
    }

    @Test
    void theDemoSnapshotIsAJpegOfTheSimulatorsSize() throws Exception {
        HttpResponse<byte[]> snapshot = Http.get(base + "/cams/demo/snapshot.jpg");
        assertThat(snapshot.headers().firstValue("content-type")).contains("image/jpeg");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(snapshot.body()));
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(480);
    }

    @Test
    void theDemoStreamRunsAtAboutSixFramesPerSecond() throws Exception {
        try (MjpegViewer viewer = MjpegViewer.open("127.0.0.1", Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)),
                "/cams/demo/stream.mjpeg")) {
            var frames = viewer.awaitFrames(13, 5000);
            assertThat(frames).hasSizeGreaterThanOrEqualTo(13);
            // Frame 0 is the cached latest frame; the next 12 arrive at the camera's pace.
            double seconds = (frames.get(12).receivedNanos() - frames.get(0).receivedNanos()) / 1e9;
            assertThat(12 / seconds).isBetween(5.0, 7.5);
        }
    }

    @Test
    void ffprobeAndFfmpegPlayTheMjpegStream() throws Exception {
        Ffmpeg.Result probe = Ffmpeg.probe(base + "/cams/demo/stream.mjpeg", "codec_name,width,height");
        assertThat(probe.exitCode()).as(probe.output()).isZero();
        assertThat(probe.output()).contains("codec_name=mjpeg", "width=640", "height=480");

        Ffmpeg.Result decode = Ffmpeg.run(30, "ffmpeg", "-v", "error", "-i", base + "/cams/demo/stream.mjpeg",
                "-frames:v", "6", "-f", "null", "-");
        assertThat(decode.exitCode()).as(decode.output()).isZero();
        assertThat(decode.output()).as("decoder complaints").isBlank();
    }

    @Test
    void ffprobeSeesTheOriginalFlv1SettingsAndH264() throws Exception {
        Ffmpeg.Result flv1 = Ffmpeg.probe(base + "/cams/demo/stream.flv", "codec_name,width,height,avg_frame_rate");
        assertThat(flv1.exitCode()).as(flv1.output()).isZero();
        assertThat(flv1.output()).contains("codec_name=flv1", "width=320", "height=240", "avg_frame_rate=4/1");

        Ffmpeg.Result h264 = Ffmpeg.probe(base + "/cams/demo/h264.flv", "codec_name,profile,width,height");
        assertThat(h264.exitCode()).as(h264.output()).isZero();
        assertThat(h264.output()).contains("codec_name=h264", "profile=Constrained Baseline", "width=320");
    }

    @Test
    void ffmpegRecordsTheFlvStreamToAFileThatPlays(@TempDir Path folder) throws Exception {
        String file = folder.resolve("out.flv").toString();
        Ffmpeg.Result record = Ffmpeg.run(30, "ffmpeg", "-v", "error", "-i", base + "/cams/demo/stream.flv",
                "-t", "3", "-c", "copy", file);
        assertThat(record.exitCode()).as(record.output()).isZero();

        Ffmpeg.Result frames = Ffmpeg.run(30, "ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=codec_name,nb_read_frames", "-of", "default=noprint_wrappers=1", file);
        assertThat(frames.output()).contains("codec_name=flv1");
        int count = Integer.parseInt(frames.output().replaceAll("(?s).*nb_read_frames=(\\d+).*", "$1"));
        assertThat(count).as("frames in 3 s at 4 fps, after the keyframe cache").isBetween(10, 20);

        Ffmpeg.Result decode = Ffmpeg.run(30, "ffmpeg", "-v", "error", "-i", file, "-f", "null", "-");
        assertThat(decode.exitCode()).isZero();
        assertThat(decode.output()).as("decoder complaints").isBlank();
    }

    @Test
    void theIndexPageShowsTheDemoCamera() throws Exception {
        // The FLV outputs appear with their first encoded frame, a moment after the first camera frame.
        long deadline = System.currentTimeMillis() + 5000;
        String html;
        do {
            html = new String(Http.get(base + "/").body(), StandardCharsets.UTF_8);
        } while (!html.contains("/cams/demo/h264.flv") && System.currentTimeMillis() < deadline
                && sleep(100));
        assertThat(html).contains("<img src=\"/cams/demo/stream.mjpeg\"", "/cams/demo/snapshot.jpg",
                "/cams/demo/stream.flv", "/cams/demo/h264.flv");
    }

    private static boolean sleep(long millis) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(millis);
        return true;
    }
}
