package org.camrelay.app.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.ServiceStatus;
import org.camrelay.app.RelayConfiguration;
import org.camrelay.component.live.LiveComponent;
import org.camrelay.bench.stream.MjpegParser;
import org.camrelay.bench.stream.MjpegViewer;
import org.camrelay.simulator.CameraSimulator;
import org.camrelay.simulator.SentFrame;
import org.camrelay.simulator.SimulatorTransport;
import org.camrelay.testing.MjpegCameraServer;
import org.camrelay.testing.RelayTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three simulated cameras from one routes folder, written as an operator would, edited while viewers
 * watch: each file is loaded, reloaded or refused on its own, within the 5 s the relay promises.
 */
class RoutesFolderTest extends RelayTestSupport {

    private static final long RELOAD_DEADLINE_MS = 5000;
    private static final long GRACE_MS = 500;
    private static final List<String> CAMERAS = List.of("a", "b", "c");
    /** Each camera's picture size, one of those a VB-C10 has, as its routes ask for it. */
    private static final Map<String, String> SIZES = Map.of("a", "160x120", "b", "320x240", "c", "640x480");
    private static final Map<String, CameraSimulator> SIMULATORS = new ConcurrentHashMap<>();
    private static final Map<String, List<byte[]>> SENT = new ConcurrentHashMap<>();

    @TempDir
    static Path routes;

    @BeforeAll
    static void startCameras() throws Exception {
        for (String camera : CAMERAS) {
            // A size of its own for each camera, so that no two cameras can ever send the same bytes.
            String[] size = SIZES.get(camera).split("x");
            CameraSimulator simulator = CameraSimulator.builder().bindHost("127.0.0.1").nativePort(0)
                    .httpPort(CameraSimulator.DISABLED).fps(20)
                    .size(Integer.parseInt(size[0]), Integer.parseInt(size[1])).name(camera).build();
            List<byte[]> sent = new CopyOnWriteArrayList<>();
            simulator.addFrameListener(frame -> {
                if (frame.kind() == SentFrame.Kind.GOOD) {
                    sent.add(frame.jpeg());
                }
            });
            simulator.start();
            SIMULATORS.put(camera, simulator);
            SENT.put(camera, sent);
        }
        Files.copy(Path.of("routes/camera-template.xml"), routes.resolve("camera-template.xml"));
    }

    @AfterAll
    static void stopCameras() {
        SIMULATORS.values().forEach(CameraSimulator::close);
    }

    @Override
    protected Properties relayProperties() {
        Properties properties = super.relayProperties();
        properties.setProperty("camrelay.routes.folder", routes.toString());
        properties.setProperty("camrelay.routes.scan-interval", "1000");
        return properties;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        // A removed file's viewers are let go after the stream grace period (RouteEditTest checks the period itself).
        context.getComponent("live", LiveComponent.class).setStreamGracePeriod(GRACE_MS);
        return context;
    }

    @Override
    protected List<RoutesBuilder> testRoutes() throws Exception {
        // As an operator writes them: two cameras from the template, one as a full route by hand.
        write("cam-a.xml", templated("a", "a", ""));
        write("cam-b.xml", templated("b", "b", ""));
        write("cam-c.xml", """
                <camel>
                  <route id="camera-c">
                    <from uri="vbc10:c?host=127.0.0.1&amp;fps=10&amp;imageSize=640x480&amp;videoPort=%d"/>
                    <to uri="live:c"/>
                  </route>
                </camel>
                """.formatted(SIMULATORS.get("c").nativePort()));
        Files.deleteIfExists(routes.resolve("bad.xml"));
        Files.deleteIfExists(routes.resolve("cam-d.xml"));
        Files.deleteIfExists(routes.resolve("cam-yard.xml"));
        Files.deleteIfExists(routes.resolve("cam-gate.xml"));
        return List.of();
    }

    /** A camera file as the README shows it: camera {@code camera} on the simulator of camera {@code simulator}. */
    private static String templated(String camera, String simulator, String extra) {
        return """
                <camel>
                  <templatedRoute routeTemplateRef="camera" routeId="camera-%s">
                    <parameter name="name" value="%s"/>
                    <parameter name="host" value="127.0.0.1"/>
                    <parameter name="videoPort" value="%d"/>
                    <parameter name="fps" value="10"/>
                    <parameter name="flv" value="false"/>%s
                    <parameter name="imageSize" value="%s"/>
                  </templatedRoute>
                </camel>
                """.formatted(camera, camera, SIMULATORS.get(simulator).nativePort(), extra, SIZES.get(simulator));
    }

    private static void write(String name, String content) throws Exception {
        // Written aside and moved in, as editors do, so that a scan never sees half a file.
        Path temporary = routes.resolve(name + ".tmp");
        Files.writeString(temporary, content);
        Files.move(temporary, routes.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private RoutesFolder folder() {
        return context.getRegistry().lookupByNameAndType(RelayConfiguration.ROUTES_BEAN, RoutesFolder.class);
    }

    private static void within(long millis, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as(what).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private MjpegViewer view(String camera) throws Exception {
        within(RELOAD_DEADLINE_MS, "camera " + camera + " is served",
                () -> !streams().ofCamera(camera).isEmpty());
        MjpegViewer viewer = MjpegViewer.open("127.0.0.1", httpPort, "/cams/" + camera + "/stream.mjpeg");
        assertThat(viewer.status()).isEqualTo(200);
        return viewer;
    }

    private static boolean sentBy(String camera, byte[] jpeg) {
        return SENT.get(camera).stream().anyMatch(sent -> Arrays.equals(sent, jpeg));
    }

    @Test
    void eachViewerGetsItsOwnCamerasFramesAndNoOther() throws Exception {
        for (String camera : CAMERAS) {
            try (MjpegViewer viewer = view(camera)) {
                List<MjpegParser.Frame> frames = viewer.awaitFrames(5, 10_000);
                assertThat(frames).hasSizeGreaterThanOrEqualTo(5);
                TimeUnit.MILLISECONDS.sleep(100); // the simulator records a frame when its write completes
                for (MjpegParser.Frame frame : frames) {
                    for (String other : CAMERAS) {
                        assertThat(sentBy(other, frame.jpeg())).as("frame of camera %s sent by %s", camera, other)
                                .isEqualTo(other.equals(camera));
                    }
                }
            }
        }
        assertThat(folder().routesByFile()).containsEntry(routes.resolve("cam-a.xml").toString(), java.util.Set.of("camera-a"));
    }

    @Test
    void editingAddingAndRemovingFilesLeavesTheOtherCamerasConnectionsAndViewersAlone() throws Exception {
        try (MjpegViewer a = view("a"); MjpegViewer b = view("b"); MjpegViewer c = view("c")) {
            b.awaitFrames(3, 10_000);
            long bConnections = SIMULATORS.get("b").acceptedConnections(SimulatorTransport.NATIVE);
            long aConnections = SIMULATORS.get("a").acceptedConnections(SimulatorTransport.NATIVE);

            write("cam-a.xml", templated("a", "a", "\n    <parameter name=\"maxViewers\" value=\"50\"/>"));
            within(RELOAD_DEADLINE_MS, "camera a reconnected after its file was edited",
                    () -> SIMULATORS.get("a").acceptedConnections(SimulatorTransport.NATIVE) > aConnections);

            write("cam-d.xml", templated("d", "b", ""));
            within(RELOAD_DEADLINE_MS, "a new file's camera is served", () -> !streams().ofCamera("d").isEmpty());

            Files.delete(routes.resolve("cam-c.xml"));
            within(RELOAD_DEADLINE_MS + GRACE_MS, "a removed file's camera is gone", () -> streams().ofCamera("c").isEmpty()
                    && SIMULATORS.get("c").openConnections(SimulatorTransport.NATIVE) == 0);

            int bFrames = b.frames().size();
            assertThat(b.awaitFrames(bFrames + 5, 5000)).as("b's viewer kept receiving").hasSizeGreaterThan(bFrames + 4);
            assertThat(b.ended()).isFalse();
            // camera d is another connection to b's simulator; b's own socket is the one it had
            assertThat(SIMULATORS.get("b").acceptedConnections(SimulatorTransport.NATIVE)).isEqualTo(bConnections + 1);
            assertThat(c.awaitFrames(Integer.MAX_VALUE, 2000)).isNotNull();
            assertThat(c.ended()).as("c's viewer was told its camera is gone").isTrue();
        }
    }

    @Test
    void aGenericMjpegCameraWhosePathHasSeveralQueryParametersWorksAsTheReadmeShowsIt() throws Exception {
        try (MjpegCameraServer camera = new MjpegCameraServer("/video.cgi", "resolution=640x480&fps=6", 10)) {
            // the README's example, with this test camera's address
            write("cam-yard.xml", """
                    <camel>
                      <templatedRoute routeTemplateRef="camera" routeId="camera-yard">
                        <parameter name="name" value="yard"/>
                        <parameter name="host" value="127.0.0.1"/>
                        <parameter name="transport" value="http"/>
                        <parameter name="httpPort" value="%d"/>
                        <parameter name="httpPath" value="/video.cgi?resolution=640x480&amp;fps=6"/>
                      </templatedRoute>
                    </camel>
                    """.formatted(camera.port()));

            try (MjpegViewer viewer = view("yard")) {
                List<MjpegParser.Frame> frames = viewer.awaitFrames(5, 10_000);
                assertThat(frames).hasSizeGreaterThanOrEqualTo(5);
                assertThat(frames).allSatisfy(frame -> assertThat(camera.sent(frame.jpeg())).isTrue());
            }
            assertThat(camera.requests()).first().isEqualTo("/video.cgi?resolution=640x480&fps=6");
            assertThat(folder().refusals()).isEmpty();
        }
    }

    @Test
    void aWebViewCameraThroughTheTemplateWithoutHttpPath() throws Exception {
        try (CameraSimulator webView = CameraSimulator.builder().bindHost("127.0.0.1").nativePort(CameraSimulator.DISABLED)
                .httpPort(0).fps(20).size(160, 120).name("gate").build()) {
            webView.start();
            List<byte[]> sent = new CopyOnWriteArrayList<>();
            webView.addFrameListener(frame -> sent.add(frame.jpeg()));
            // the optional httpPath absent: the template's RAW() gives an empty path, the WebView stream
            write("cam-gate.xml", """
                    <camel>
                      <templatedRoute routeTemplateRef="camera" routeId="camera-gate">
                        <parameter name="name" value="gate"/>
                        <parameter name="host" value="127.0.0.1"/>
                        <parameter name="transport" value="http"/>
                        <parameter name="httpPort" value="%d"/>
                        <parameter name="imageSize" value="160x120"/>
                        <parameter name="control" value="none"/>
                        <parameter name="flv" value="false"/>
                      </templatedRoute>
                    </camel>
                    """.formatted(webView.httpPort()));
            try (MjpegViewer viewer = view("gate")) {
                List<MjpegParser.Frame> frames = viewer.awaitFrames(5, 10_000);
                assertThat(frames).hasSizeGreaterThanOrEqualTo(5);
                TimeUnit.MILLISECONDS.sleep(100); // the simulator records a frame when its write completes
                assertThat(frames).allSatisfy(frame -> assertThat(sent).anyMatch(s -> Arrays.equals(s, frame.jpeg())));
            }
            assertThat(webView.acceptedConnections(SimulatorTransport.HTTP)).isEqualTo(1);
            Files.delete(routes.resolve("cam-gate.xml"));
            within(RELOAD_DEADLINE_MS, "the camera's file removed", () -> streams().ofCamera("gate").isEmpty());
        }
    }

    @Test
    void badFilesAreRefusedWithFileLineAndProblemWhileEverythingElseRuns() throws Exception {
        try (MjpegViewer a = view("a")) {
            a.awaitFrames(2, 10_000);
            assertRefused("bad.xml", "<camel>\n  <route id=\"x\">\n    <from uri=\"timer:x\"/>\n    <to uri=\"log:x\"\n  </route>\n</camel>\n",
                    "bad.xml:5: malformed XML");
            assertRefused("bad.xml", templated("x", "a", "\n    <parameter name=\"colour\" value=\"red\"/>"),
                    "bad.xml:8: unknown parameter 'colour' for template 'camera', which takes name, host,");
            assertRefused("bad.xml", """
                    <camel>
                      <route id="camera-y">
                        <from uri="vbc10:y?host=127.0.0.1&amp;fpz=5"/>
                        <to uri="live:y"/>
                      </route>
                    </camel>
                    """, "bad.xml:3: ", "fpz");
            assertRefused("bad.xml", templated("b", "b", "").replace("camera-b", "camera-z"),
                    "bad.xml", "camera 'b' is already defined in ");

            // A good file edited into a bad one: the camera keeps its route, connection and viewers.
            long aConnections = SIMULATORS.get("a").acceptedConnections(SimulatorTransport.NATIVE);
            assertRefused("cam-a.xml", templated("a", "a", "\n    <parameter name=\"bogus\" value=\"1\"/>"),
                    "cam-a.xml:8: unknown parameter 'bogus'");
            int frames = a.frames().size();
            assertThat(a.awaitFrames(frames + 5, 5000)).hasSizeGreaterThan(frames + 4);
            assertThat(SIMULATORS.get("a").acceptedConnections(SimulatorTransport.NATIVE)).isEqualTo(aConnections);
            assertThat(context.getRouteController().getRouteStatus("camera-a")).isEqualTo(ServiceStatus.Started);
        }
    }

    private void assertRefused(String file, String content, String... expected) throws Exception {
        write(file, content);
        String key = routes.resolve(file).toString();
        within(RELOAD_DEADLINE_MS, file + " is refused", () -> {
            String refusal = folder().refusals().get(key);
            return refusal != null && Arrays.stream(expected).allMatch(refusal::contains);
        });
        for (String camera : List.of("a", "b")) {
            assertThat(context.getRouteController().getRouteStatus("camera-" + camera)).isEqualTo(ServiceStatus.Started);
        }
    }
}
