package org.camrelay.app.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.camrelay.app.operations.OperationsConfiguration;
import org.camrelay.component.live.LiveComponent;
import org.camrelay.simulator.CameraSimulator;
import org.camrelay.simulator.SimulatorTransport;
import org.camrelay.bench.stream.FlvParser;
import org.camrelay.bench.stream.FlvViewer;
import org.camrelay.bench.stream.MjpegParser;
import org.camrelay.bench.stream.MjpegViewer;
import org.camrelay.testing.Ffmpeg;
import org.camrelay.testing.Http;
import org.camrelay.testing.RelayTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A camera's route file edited and removed while viewers watch, on the relay as the application wires it (routes
 * folder, operations pages) over a real simulated camera: viewers stay through an edit and are let go after the
 * stream grace period when the file is removed; refused files show on {@code /status} and {@code /api/cameras}.
 */
class RouteEditTest extends RelayTestSupport {

    /** Shorter than the default 10 s so that the removal case takes seconds; longer than a rebuild takes here. */
    private static final long GRACE_MS = 4000;
    private static final long DEADLINE_MS = 10_000;
    private static CameraSimulator camera;

    @TempDir
    static Path routes;

    @BeforeAll
    static void startCamera() throws Exception {
        camera = CameraSimulator.builder().bindHost("127.0.0.1").nativePort(0).httpPort(CameraSimulator.DISABLED)
                .fps(20).size(320, 240).name("edited").build();
        camera.start();
        Files.copy(Path.of("routes/camera-template.xml"), routes.resolve("camera-template.xml"));
    }

    @AfterAll
    static void stopCamera() {
        camera.close();
    }

    @Override
    protected Properties relayProperties() {
        Properties properties = super.relayProperties();
        properties.setProperty("camrelay.routes.folder", routes.toString());
        properties.setProperty("camrelay.routes.scan-interval", "200");
        properties.setProperty("camrelay.hawtio.enabled", "false");
        properties.setProperty("camrelay.users.file", routes.resolve("users.properties.absent").toString());
        return properties;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        new OperationsConfiguration().configure(context);
        context.getComponent("live", LiveComponent.class).setStreamGracePeriod(GRACE_MS);
        return context;
    }

    @Override
    protected List<RoutesBuilder> testRoutes() {
        return List.of();
    }

    /** A camera file as an operator writes it, with the FLV outputs' frame rate and bitrate. */
    private static String cameraFile(String name, boolean h264, int outputFps, int bitrate) {
        return """
                <camel>
                  <templatedRoute routeTemplateRef="camera" routeId="camera-%s">
                    <parameter name="name" value="%s"/>
                    <parameter name="host" value="127.0.0.1"/>
                    <parameter name="videoPort" value="%d"/>
                    <parameter name="fps" value="10"/>
                    <parameter name="imageSize" value="320x240"/>
                    <parameter name="control" value="none"/>
                    <parameter name="h264" value="%s"/>
                    <parameter name="outputFps" value="%d"/>
                    <parameter name="bitrate" value="%d"/>
                  </templatedRoute>
                </camel>
                """.formatted(name, name, camera.nativePort(), h264, outputFps, bitrate);
    }

    private static void write(String name, String content) throws Exception {
        // Written aside and moved in, as editors do, so that a scan never sees half a file.
        Path temporary = routes.resolve(name + ".tmp");
        Files.writeString(temporary, content);
        Files.move(temporary, routes.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void within(long millis, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as(what).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(20); // polling: these conditions have no event to wait on
        }
    }

    /** Asks for the camera's snapshot again and again until stopped, noting every answer's status. */
    private final class SnapshotPoller implements AutoCloseable {
        final List<Integer> statuses = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        SnapshotPoller(String camera) {
            thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        statuses.add(Http.get(baseUrl() + "/cams/" + camera + "/snapshot.jpg").statusCode());
                        TimeUnit.MILLISECONDS.sleep(20);
                    } catch (Exception e) {
                        statuses.add(-1);
                    }
                }
            }, "snapshot-poller");
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(15_000);
        }
    }

    @Test
    void editingACamerasFileKeepsItsViewersWhoGoOnAtTheNextKeyframe() throws Exception {
        write("cam-edit.xml", cameraFile("edit", true, 4, 500_000));
        within(DEADLINE_MS, "the camera's three streams are served", () -> streams().ofCamera("edit").size() == 3);
        try (MjpegViewer mjpeg = MjpegViewer.open("127.0.0.1", httpPort, "/cams/edit/stream.mjpeg");
                FlvViewer flv = FlvViewer.open("127.0.0.1", httpPort, "/cams/edit/stream.flv");
                FlvViewer h264 = FlvViewer.open("127.0.0.1", httpPort, "/cams/edit/h264.flv")) {
            mjpeg.awaitFrames(5, DEADLINE_MS);
            flv.awaitFrames(4, DEADLINE_MS);
            h264.awaitFrames(5, DEADLINE_MS);
            long connections = camera.acceptedConnections(SimulatorTransport.NATIVE);

            long rebuild;
            try (SnapshotPoller snapshots = new SnapshotPoller("edit")) {
                // Another frame rate and bitrate for the FLV outputs: the whole route is rebuilt, with new
                // transcoders, and the H.264 level (in the sequence header) follows the bitrate.
                long edited = System.nanoTime();
                write("cam-edit.xml", cameraFile("edit", true, 5, 300_000));
                within(DEADLINE_MS, "the camera reconnected for the rebuilt route",
                        () -> camera.acceptedConnections(SimulatorTransport.NATIVE) > connections);
                within(DEADLINE_MS, "the viewers got the new route's frames", () -> {
                    for (var viewer : List.of(mjpeg, flv, h264)) {
                        assertThat(viewer.ended()).as("a viewer was disconnected by the rebuild").isFalse();
                    }
                    long boundary = firstNewFrameAt(mjpeg);
                    return newFrames(mjpeg).size() >= 5 && after(flv, boundary).size() >= 3
                            && after(h264, boundary).size() >= 4;
                });
                rebuild = (System.nanoTime() - edited) / 1_000_000;
                assertThat(snapshots.statuses).as("snapshots during the rebuild").hasSizeGreaterThan(5)
                        .containsOnly(200);
            }

            for (var viewer : List.of(mjpeg, flv, h264)) {
                assertThat(viewer.ended()).as("the same connection goes on").isFalse();
                assertThat(viewer.failure()).isNull();
            }
            assertThat(camera.acceptedConnections(SimulatorTransport.NATIVE)).isEqualTo(connections + 1);

            List<MjpegParser.Frame> frames = mjpeg.frames();
            MjpegParser.Frame firstNew = newFrames(mjpeg).get(0);
            long gap = firstNew.receivedNanos() - frames.get(frames.indexOf(firstNew) - 1).receivedNanos();
            System.out.printf("route rebuilt and frames flowing again %d ms after the edit; MJPEG gap %d ms%n",
                    rebuild, gap / 1_000_000);
            assertThat(gap / 1_000_000).as("no gap in MJPEG beyond the rebuild").isLessThan(rebuild);

            long boundary = firstNewFrameAt(mjpeg);
            checkFlvAcrossTheEdit(flv, boundary, 2);
            List<FlvParser.Tag> resumed = checkFlvAcrossTheEdit(h264, boundary, 7);
            // The staying viewer got the new sequence header, the one a viewer joining now gets.
            try (FlvViewer fresh = FlvViewer.open("127.0.0.1", httpPort, "/cams/edit/h264.flv")) {
                List<FlvParser.Tag> header = fresh.awaitFrames(2, DEADLINE_MS);
                FlvParser.Tag sequenceHeader = header.get(1);
                assertThat(sequenceHeader.avcPacketType()).isZero();
                assertThat(resumed.get(0).avcPacketType()).as("the new codec configuration first").isZero();
                assertThat(data(resumed.get(0))).isEqualTo(data(sequenceHeader))
                        .as("the H.264 level changed with the bitrate").isNotEqualTo(data(h264.frames().get(1)));
            }
            decodes(flv, "flv");
            decodes(h264, "h264");
        } finally {
            Files.deleteIfExists(routes.resolve("cam-edit.xml"));
        }
    }

    /** The MJPEG frames of the rebuilt route: the camera's frame numbers start again with a new consumer. */
    private static List<MjpegParser.Frame> newFrames(MjpegViewer viewer) {
        List<MjpegParser.Frame> frames = viewer.frames();
        for (int i = 1; i < frames.size(); i++) {
            if (frames.get(i).sequence() < frames.get(i - 1).sequence()) {
                return frames.subList(i, frames.size());
            }
        }
        return List.of();
    }

    /** When the relay received the rebuilt route's first frame, epoch ms; the new transcoders' epochs are no earlier. */
    private static long firstNewFrameAt(MjpegViewer viewer) {
        List<MjpegParser.Frame> frames = newFrames(viewer);
        return frames.isEmpty() ? Long.MAX_VALUE : frames.get(0).receivedAtMillis();
    }

    /** The video tags that stand for frames received at or after {@code epochMillis}, by the stream's epoch. */
    private static List<FlvParser.Tag> after(FlvViewer viewer, long epochMillis) {
        long epoch;
        try {
            epoch = Long.parseLong(viewer.header("X-Stream-Epoch"));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return viewer.frames().stream().filter(tag -> tag.type() == FlvParser.VIDEO)
                .filter(tag -> epoch + tag.timestamp() >= epochMillis).toList();
    }

    /**
     * Checks one FLV viewer's tags across the edit: timestamps keep increasing, and the new producer's tags start
     * at a keyframe (for H.264 with its sequence header). Returns the tags from the edit on.
     */
    private static List<FlvParser.Tag> checkFlvAcrossTheEdit(FlvViewer viewer, long boundary, int codecId) {
        List<FlvParser.Tag> video = viewer.frames().stream().filter(tag -> tag.type() == FlvParser.VIDEO).toList();
        for (int i = 1; i < video.size(); i++) {
            FlvParser.Tag previous = video.get(i - 1);
            FlvParser.Tag tag = video.get(i);
            boolean sequenceHeader = codecId == 7 && previous.avcPacketType() == 0;
            assertThat((long) tag.timestamp()).as("timestamp of video tag %d", i)
                    .isGreaterThanOrEqualTo(previous.timestamp() + (sequenceHeader ? 0 : 1));
        }
        List<FlvParser.Tag> resumed = after(viewer, boundary);
        assertThat(resumed).isNotEmpty();
        assertThat(video.size()).as("tags from before the edit too").isGreaterThan(resumed.size());
        assertThat(resumed.get(0).keyframe()).as("the first tag after the edit is a keyframe").isTrue();
        assertThat(resumed).allSatisfy(tag -> assertThat(tag.codecId()).isEqualTo(codecId));
        return resumed;
    }

    private static byte[] data(FlvParser.Tag tag) {
        return java.util.Arrays.copyOfRange(tag.bytes(), 11, tag.bytes().length - 4);
    }

    /** ffprobe decodes every picture the viewer received, across the edit, without an error. */
    private static void decodes(FlvViewer viewer, String name) throws Exception {
        List<FlvParser.Tag> tags = viewer.frames();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(viewer.fileHeader());
        tags.forEach(tag -> stream.writeBytes(tag.bytes()));
        Path file = routes.resolve(name + "-across-the-edit.flv");
        Files.write(file, stream.toByteArray());
        long pictures = tags.stream().filter(tag -> tag.type() == FlvParser.VIDEO)
                .filter(tag -> tag.codecId() != 7 || tag.avcPacketType() == 1).count();
        Ffmpeg.Result probe = Ffmpeg.run(60, "ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=nb_read_frames", "-of", "default=noprint_wrappers=1:nokey=1", file.toString());
        assertThat(probe.exitCode()).as(probe.output()).isZero();
        assertThat(probe.output().trim()).as("every picture decoded, without errors").isEqualTo(Long.toString(pictures));
        Files.delete(file);
    }

    @Test
    void removingACamerasFileEndsItsViewersAfterTheGracePeriod() throws Exception {
        write("cam-gone.xml", cameraFile("gone", false, 4, 500_000));
        within(DEADLINE_MS, "the camera's streams are served", () -> streams().ofCamera("gone").size() == 2);
        try (MjpegViewer mjpeg = MjpegViewer.open("127.0.0.1", httpPort, "/cams/gone/stream.mjpeg");
                FlvViewer flv = FlvViewer.open("127.0.0.1", httpPort, "/cams/gone/stream.flv")) {
            mjpeg.awaitFrames(3, DEADLINE_MS);
            flv.awaitFrames(3, DEADLINE_MS);

            Files.delete(routes.resolve("cam-gone.xml"));
            within(DEADLINE_MS, "the file's route is removed", () -> context.getRoute("camera-gone") == null);
            long removed = System.nanoTime();
            // Within the grace period: connected, and the snapshot still answers.
            while (System.nanoTime() - removed < GRACE_MS / 2 * 1_000_000) {
                assertThat(mjpeg.ended()).as("MJPEG viewer within the grace period").isFalse();
                assertThat(flv.ended()).as("FLV viewer within the grace period").isFalse();
                TimeUnit.MILLISECONDS.sleep(50);
            }
            assertThat(Http.get(baseUrl() + "/cams/gone/snapshot.jpg").statusCode()).isEqualTo(200);

            within(GRACE_MS + DEADLINE_MS, "the viewers are let go", () -> mjpeg.ended() && flv.ended());
            long ended = (System.nanoTime() - removed) / 1_000_000;
            System.out.printf("viewers ended %d ms after the route was removed (grace period %d ms)%n", ended, GRACE_MS);
            assertThat(mjpeg.failure()).as("ended cleanly").isNull();
            assertThat(flv.failure()).as("ended cleanly").isNull();
            assertThat(streams().ofCamera("gone")).isEmpty();
            assertThat(Http.get(baseUrl() + "/cams/gone/snapshot.jpg").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aRefusedFileShowsOnTheStatusPageAndTheApiUntilItIsFixedOrRemoved() throws Exception {
        String bad = cameraFile("later", false, 4, 500_000)
                .replace("<parameter name=\"control\"", "<parameter name=\"colour\" value=\"red\"/>\n    <parameter name=\"control\"");
        write("cam-later.xml", bad);
        String file = routes.resolve("cam-later.xml").toString();
        long written = System.currentTimeMillis();
        within(DEADLINE_MS, "the refusal is listed", () -> !refused().isEmpty());

        JsonObject refusal = (JsonObject) refused().get(0);
        assertThat(refusal.getString("file")).isEqualTo(file);
        assertThat(refusal.getInteger("line")).isEqualTo(8);
        assertThat(refusal.getString("reason")).startsWith("unknown parameter 'colour' for template 'camera'");
        assertThat(refusal.getLong("since")).isBetween(written - 1000, System.currentTimeMillis());
        String status = new String(Http.get(baseUrl() + "/status").body(), StandardCharsets.UTF_8);
        assertThat(status).contains("Refused route files").contains(file).contains("<td>8</td>")
                .contains("unknown parameter 'colour' for template 'camera'");

        write("cam-later.xml", cameraFile("later", false, 4, 500_000));
        within(DEADLINE_MS, "the fixed file is no longer listed", () -> refused().isEmpty());
        assertThat(new String(Http.get(baseUrl() + "/status").body(), StandardCharsets.UTF_8))
                .doesNotContain("Refused route files");

        write("cam-later.xml", bad);
        within(DEADLINE_MS, "refused again", () -> !refused().isEmpty());
        Files.delete(routes.resolve("cam-later.xml"));
        within(DEADLINE_MS, "the removed file is no longer listed", () -> refused().isEmpty());
    }

    private JsonArray refused() {
        try {
            HttpResponse<byte[]> response = Http.get(baseUrl() + "/api/cameras");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonObject json = (JsonObject) Jsoner.deserialize(new String(response.body(), StandardCharsets.UTF_8));
            return (JsonArray) json.get("refusedRouteFiles");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
