package org.camrelay.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import javax.imageio.ImageIO;

import org.camrelay.simulator.CameraSimulator;
import org.camrelay.bench.stream.FlvParser;
import org.camrelay.bench.stream.FlvViewer;
import org.camrelay.bench.stream.MjpegViewer;
import org.camrelay.bench.stream.MjpegParser;
import org.camrelay.testing.Ffmpeg;
import org.camrelay.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/camel-main-yaml} run as a Camel user runs it: a child JVM running Camel's own
 * {@code org.apache.camel.main.Main} on a class path of the example's folder, {@code target/camrelay-components.jar}
 * and the third-party dependencies the build lists in {@code target/example-classpath/}, with nothing of camrelay's
 * application or simulator on it (checked class by class). It pulls a simulated camera that requires credentials,
 * given through the environment, and serves MJPEG and FLV on the live component's own port, read here over HTTP.
 *
 * <p>About 15 s of wall clock, most of it the child JVM starting Camel and FFmpeg: one test shares that start for
 * every check.
 */
class CamelMainYamlExampleTest {

    private static final Path EXAMPLE = Path.of("examples", "camel-main-yaml").toAbsolutePath();
    private static final Path COMPONENTS_JAR = Path.of("target", "camrelay-components.jar").toAbsolutePath();
    private static final List<Path> THIRD_PARTY = List.of(Path.of("target", "example-classpath", "runtime.txt"),
            Path.of("target", "example-classpath", "yaml-dsl.txt"));
    private static final Path LOG = Path.of("target", "camel-main-yaml-example.log").toAbsolutePath();
    private static final String USER = "viewer";
    /** With characters that an endpoint URI would take apart, as the example's RAW(...) must keep them. */
    private static final String PASSWORD = "pa55&wo+rd%20=x";
    private static final long START_TIMEOUT_MS = 90_000;

    private CameraSimulator simulator;
    private Process example;

    @AfterEach
    void stop() throws InterruptedException {
        if (example != null && example.isAlive()) {
            example.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void runsOnTheComponentsAloneAndServesMjpegAndFlvOnItsOwnPort() throws Exception {
        List<Path> classPath = classPath();
        assertOnlyTheComponentsOfCamrelay(classPath);
        simulator = CameraSimulator.builder().name("example").bindHost("127.0.0.1")
                .nativePort(CameraSimulator.DISABLED).httpPort(0).controlPort(CameraSimulator.DISABLED)
                .fps(6).size(640, 480).credentials(USER, PASSWORD).build();
        simulator.start();
        int port = Http.freePort();
        String base = "http://127.0.0.1:" + port + "/cams/yard/";

        example = start(classPath, Map.of("CAMERA_HOST", "127.0.0.1", "CAMERA_PORT",
                Integer.toString(simulator.httpPort()), "CAMERA_USERNAME", USER, "CAMERA_PASSWORD", PASSWORD,
                "LIVE_HOST", "127.0.0.1", "LIVE_PORT", Integer.toString(port)));
        HttpResponse<byte[]> snapshot = awaitServed(base + "snapshot.jpg", "GET");
        assertThat(snapshot.headers().firstValue("content-type")).contains("image/jpeg");
        assertThat(size(snapshot.body())).as("the camera's picture").isEqualTo("640x480");

        // The FLV stream appears with its first tag, once the transcoder has had a frame.
        awaitServed(base + "stream.flv", "HEAD");
        try (MjpegViewer mjpeg = MjpegViewer.open("127.0.0.1", port, "/cams/yard/stream.mjpeg");
             FlvViewer flv = FlvViewer.open("127.0.0.1", port, "/cams/yard/stream.flv")) {
            assertThat(mjpeg.status()).isEqualTo(200);
            assertThat(mjpeg.header("content-type")).startsWith("multipart/x-mixed-replace");
            List<MjpegParser.Frame> frames = mjpeg.awaitFrames(4, 20_000);
            assertThat(frames).as("MJPEG frames").hasSizeGreaterThanOrEqualTo(4);
            assertThat(size(frames.get(3).jpeg())).isEqualTo("640x480");

            assertThat(flv.status()).isEqualTo(200);
            assertThat(flv.header("content-type")).isEqualTo("video/x-flv");
            List<FlvParser.Tag> tags = flv.awaitFrames(6, 20_000);
            assertThat(tags).as("FLV tags").hasSizeGreaterThanOrEqualTo(6);
            assertThat(tags).as("an FLV1 keyframe")
                    .anyMatch(tag -> tag.type() == FlvParser.VIDEO && tag.keyframe() && tag.codecId() == 2);
            assertThat(mjpeg.failure()).isNull();
            assertThat(flv.failure()).isNull();
        }
        String running = Files.readString(LOG, StandardCharsets.UTF_8);
        assertThat(running).contains("Started camera-yard (vbc10://yard)")
                .contains("Serving live streams at http://127.0.0.1:" + port + "/cams/")
                .doesNotContain(" ERROR ");

        // Last, as it skips the test where ffprobe is not installed (.ci/run installs it).
        Ffmpeg.Result probe = Ffmpeg.probe(base + "stream.flv", "codec_name,width,height");
        assertThat(probe.output()).contains("codec_name=flv1").contains("width=320").contains("height=240");

        example.destroy(); // SIGTERM: Camel Main shuts down as it would under a service manager
        assertThat(example.waitFor(30, TimeUnit.SECONDS)).as("the example stops").isTrue();
        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        assertThat(log).contains("Apache Camel 4.18.0 (camera-example) shutdown")
                .doesNotContain("pa55").doesNotContain("wo+rd");
    }

    /** The example's folder (its resources), the components' jar, then every third-party jar the build listed. */
    private static List<Path> classPath() throws IOException {
        List<Path> entries = new ArrayList<>(List.of(EXAMPLE, COMPONENTS_JAR));
        for (Path list : THIRD_PARTY) {
            assertThat(list).as("written by the build (maven-dependency-plugin, generate-test-resources)").exists();
            for (String entry : Files.readString(list, StandardCharsets.UTF_8).trim().split(File.pathSeparator)) {
                entries.add(Path.of(entry));
            }
        }
        for (Path entry : entries) {
            assertThat(entry).as("class path entry").exists();
        }
        return entries;
    }

    /**
     * The proof that the example needs nothing of the application: the only camrelay classes on the class path are the
     * components' and the frame model's, all from the components' jar.
     */
    private static void assertOnlyTheComponentsOfCamrelay(List<Path> classPath) throws IOException {
        Map<Path, List<String>> camrelay = new TreeMap<>();
        for (Path entry : classPath) {
            List<String> classes = camrelayClasses(entry);
            if (!classes.isEmpty()) {
                camrelay.put(entry, classes);
            }
        }
        assertThat(camrelay.keySet()).as("class path entries with camrelay classes").containsExactly(COMPONENTS_JAR);
        assertThat(camrelay.get(COMPONENTS_JAR))
                .allMatch(name -> name.startsWith("org/camrelay/component/") || name.startsWith("org/camrelay/frame/"))
                .contains("org/camrelay/component/vbc10/Vbc10Component.class",
                        "org/camrelay/component/framerate/FrameRateComponent.class",
                        "org/camrelay/component/transcode/TranscodeComponent.class",
                        "org/camrelay/component/live/LiveComponent.class",
                        "org/camrelay/frame/FrameHeaders.class");
    }

    private static List<String> camrelayClasses(Path entry) throws IOException {
        if (Files.isDirectory(entry)) {
            try (Stream<Path> files = Files.walk(entry)) {
                return files.map(file -> entry.relativize(file).toString().replace(File.separatorChar, '/'))
                        .filter(name -> name.startsWith("org/camrelay/")).toList();
            }
        }
        try (ZipFile jar = new ZipFile(entry.toFile())) {
            return jar.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(name -> name.startsWith("org/camrelay/") && name.endsWith(".class")).toList();
        }
    }

    /** {@code java -cp ... org.apache.camel.main.Main}, in a folder of its own, its output in {@link #LOG}. */
    private static Process start(List<Path> classPath, Map<String, String> environment) throws IOException {
        Path workingDirectory = Files.createDirectories(Path.of("target", "camel-main-yaml-example"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp",
                String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()),
                "org.apache.camel.main.Main")
                .directory(workingDirectory.toFile()).redirectErrorStream(true).redirectOutput(LOG.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Polls {@code url} until the example answers 200, or fails with the example's log. */
    private HttpResponse<byte[]> awaitServed(String url, String method) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        String last = "nothing";
        while (System.nanoTime() < deadline) {
            if (!example.isAlive()) {
                fail("the example exited (" + example.exitValue() + ") before serving " + url + ":\n" + log());
            }
            try {
                HttpResponse<byte[]> response = Http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody()).build());
                if (response.statusCode() == 200) {
                    return response;
                }
                last = "HTTP " + response.statusCode();
            } catch (IOException e) {
                last = e.toString(); // not listening yet
            }
            Thread.sleep(250); // polling: a child JVM starting up has no event to wait on
        }
        return fail("nothing at " + url + " within " + START_TIMEOUT_MS + " ms (last: " + last + "):\n" + log());
    }

    private static String log() throws IOException {
        return Files.readString(LOG, StandardCharsets.UTF_8);
    }

    private static String size(byte[] jpeg) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        return image.getWidth() + "x" + image.getHeight();
    }
}
