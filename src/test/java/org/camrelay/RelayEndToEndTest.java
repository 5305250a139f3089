package org.camrelay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.camrelay.bench.stream.MjpegParser;
import org.camrelay.bench.stream.MjpegViewer;
import org.camrelay.simulator.CameraSimulator;
import org.camrelay.simulator.SentFrame;
import org.camrelay.simulator.SimulatorTransport;
import org.camrelay.component.vbc10.CameraStatistics;
import org.camrelay.component.vbc10.Vbc10Endpoint;
import org.camrelay.testing.RelayTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Camera to viewer over real sockets: the simulator, the {@code vbc10:} consumer on both transports, the
 * live streams and Jetty, read by MJPEG viewers.
 */
class RelayEndToEndTest extends RelayTestSupport {

    private static final String USER = "operator";
    private static final String PASSWORD = "s3cret-for-test";
    private static final int MAX_FRAME_SIZE = 200_000;

    private static CameraSimulator simulator;
    /** GOOD frames the simulator wrote, per transport, in order. */
    private static final Map<SimulatorTransport, List<byte[]>> SENT = new ConcurrentHashMap<>();

    @BeforeAll
    static void startSimulator() throws Exception {
        // Its WebView streams end after 3 s, as a camera's maximum connection time ends an unprivileged viewer's:
        // every test here sees the relay renew them.
        simulator = CameraSimulator.builder().bindHost("127.0.0.1").nativePort(0).httpPort(0).fps(30).size(320, 240)
                .credentials(USER, PASSWORD).connectionTimeLimit(java.time.Duration.ofSeconds(3)).name("e2e").build();
        simulator.addFrameListener(RelayEndToEndTest::recordSent);
        simulator.start();
    }

    private static void recordSent(SentFrame frame) {
        if (frame.kind() == SentFrame.Kind.GOOD) {
            SENT.computeIfAbsent(frame.transport(), t -> new CopyOnWriteArrayList<>()).add(frame.jpeg());
        }
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @AfterEach
    void resetFaults() {
        simulator.faults().reset();
    }

    @Override
    protected List<RoutesBuilder> testRoutes() {
        String common = "&fps=15&stallTimeout=1000&reconnectDelay=100&reconnectMaxDelay=400&maxFrameSize=" + MAX_FRAME_SIZE;
        return List.of(new RouteBuilder() {
            @Override
            public void configure() {
                from("vbc10:nat?host=127.0.0.1&transport=native&videoPort=" + simulator.nativePort() + common)
                        .routeId("nat").to("live:nat");
                // Credentials by reference, as route files must: the secret lives in the configuration only.
                from("vbc10:web?host=127.0.0.1&transport=http&imageSize=320x240&credentials=e2e&httpPort="
                        + simulator.httpPort() + common)
                        .routeId("web").to("live:web");
            }
        });
    }

    @Override
    protected java.util.Properties relayProperties() {
        java.util.Properties properties = super.relayProperties();
        properties.setProperty("camrelay.credentials.e2e.username", USER);
        properties.setProperty("camrelay.credentials.e2e.password", PASSWORD);
        return properties;
    }

    private MjpegViewer view(String camera) throws Exception {
        MjpegViewer viewer = MjpegViewer.open("127.0.0.1", httpPort, "/cams/" + camera + "/stream.mjpeg");
        assertThat(viewer.status()).isEqualTo(200);
        return viewer;
    }

    private CameraStatistics statistics(String camera) {
        return ((Vbc10Endpoint) context.getRoute(camera).getEndpoint()).getStatistics();
    }

    /**
     * The frames the simulator reported sending over a transport, once it has reported every frame in
     * {@code got}: it reports a frame when its write completes, which may be after the relay delivered it.
     */
    private static List<byte[]> sentIncluding(List<MjpegParser.Frame> got, SimulatorTransport transport)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 2000;
        while (true) {
            List<byte[]> sent = new ArrayList<>(SENT.getOrDefault(transport, List.of()));
            long missing = got.stream().filter(f -> sent.stream().noneMatch(s -> Arrays.equals(s, f.jpeg()))).count();
            if (missing == 0 || System.currentTimeMillis() > deadline) {
                return sent;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** Asserts the viewer's frames are a gap-free run of the frames the simulator sent over the transport. */
    private static void assertContiguousRunOfSent(List<MjpegParser.Frame> got, SimulatorTransport transport)
            throws InterruptedException {
        List<byte[]> sent = sentIncluding(got, transport);
        assertThat(got).isNotEmpty();
        for (int start = sent.size() - 1; start >= 0; start--) {
            if (Arrays.equals(sent.get(start), got.get(0).jpeg()) && start + got.size() <= sent.size()) {
                boolean all = true;
                for (int i = 1; i < got.size() && all; i++) {
                    all = Arrays.equals(sent.get(start + i), got.get(i).jpeg());
                }
                if (all) {
                    return;
                }
            }
        }
        throw new AssertionError("the " + got.size() + " frames viewed over " + transport
                + " are not, byte for byte, a gap-free run of the " + sent.size() + " frames the simulator sent");
    }

    @Test
    void viewersReceiveExactlyTheBytesTheCameraSentFrameByFrameOnBothTransports() throws Exception {
        try (MjpegViewer nat = view("nat"); MjpegViewer web = view("web")) {
            List<MjpegParser.Frame> natFrames = nat.awaitFrames(20, 10_000);
            List<MjpegParser.Frame> webFrames = web.awaitFrames(20, 10_000);
            assertThat(natFrames).hasSizeGreaterThanOrEqualTo(20);
            assertThat(webFrames).hasSizeGreaterThanOrEqualTo(20);
            assertContiguousRunOfSent(natFrames.subList(0, 20), SimulatorTransport.NATIVE);
            assertContiguousRunOfSent(webFrames.subList(0, 20), SimulatorTransport.HTTP);
        }
        assertThat(context.getEndpoints()).allSatisfy(endpoint -> assertThat(endpoint.getEndpointUri())
                .doesNotContain(PASSWORD));
        assertThat(context.getRoute("web").getEndpoint().getEndpointUri()).contains("credentials=e2e");
    }

    @Test
    void streamsTheCameraEndsAtItsMaximumConnectionTimeAreRenewedWithoutViewersNoticingMoreThanTheGap()
            throws Exception {
        CameraStatistics web = statistics("web");
        try (MjpegViewer viewer = view("web")) {
            viewer.awaitFrames(1, 10_000);
            long renewals = web.getStreamRenewals();
            long reconnects = web.getReconnects();
            long deadline = System.currentTimeMillis() + 15_000;
            while (web.getStreamRenewals() < renewals + 2) {
                assertThat(System.currentTimeMillis()).as("two renewals").isLessThan(deadline);
                TimeUnit.MILLISECONDS.sleep(20);
            }
            int count = viewer.frames().size();

            assertThat(viewer.awaitFrames(count + 10, 10_000)).hasSizeGreaterThanOrEqualTo(count + 10);
            assertThat(viewer.ended()).isFalse();
            assertThat(web.getReconnects()).isEqualTo(reconnects);
            assertThat(web.isConnected()).isTrue();
            // every frame the camera sent over those streams, none lost at a renewal
            assertContiguousRunOfSent(viewer.frames(), SimulatorTransport.HTTP);
        }
    }

    @Test
    void twentyViewersShareOneCameraConnection() throws Exception {
        List<MjpegViewer> viewers = new ArrayList<>();
        try {
            viewers.add(view("nat"));
            viewers.get(0).awaitFrames(1, 10_000);
            long acceptedBefore = simulator.acceptedConnections(SimulatorTransport.NATIVE);
            for (int i = 1; i < 20; i++) {
                viewers.add(view("nat"));
            }
            for (MjpegViewer viewer : viewers) {
                assertThat(viewer.awaitFrames(10, 10_000)).hasSizeGreaterThanOrEqualTo(10);
            }
            assertThat(streams().find("nat", "stream", org.camrelay.component.live.LiveFormat.MJPEG).viewerCount()).isEqualTo(20);
            assertThat(simulator.openConnections(SimulatorTransport.NATIVE)).isEqualTo(1);
            assertThat(simulator.acceptedConnections(SimulatorTransport.NATIVE)).isEqualTo(acceptedBefore);
        } finally {
            for (MjpegViewer viewer : viewers) {
                viewer.close();
            }
        }
    }

    @Test
    void aSimulatorRestartIsRecoveredWithoutRestartingTheRouteOrDroppingViewers() throws Exception {
        try (MjpegViewer nat = view("nat"); MjpegViewer web = view("web")) {
            nat.awaitFrames(3, 10_000);
            web.awaitFrames(3, 10_000);
            simulator.stop();
            TimeUnit.MILLISECONDS.sleep(1500);
            int natBefore = nat.frames().size();
            int webBefore = web.frames().size();
            simulator.start();

            assertThat(nat.awaitFrames(natBefore + 10, 10_000)).hasSizeGreaterThanOrEqualTo(natBefore + 10);
            assertThat(web.awaitFrames(webBefore + 10, 10_000)).hasSizeGreaterThanOrEqualTo(webBefore + 10);
            assertThat(context.getRouteController().getRouteStatus("nat")).isEqualTo(ServiceStatus.Started);
            assertThat(statistics("nat").getReconnects()).isGreaterThan(0);
            assertThat(statistics("nat").isConnected()).isTrue();
            assertThat(statistics("web").isConnected()).isTrue();
        }
    }

    @Test
    void garbageTruncatedAndOversizedFramesAreSkippedAndCountedWhileGoodFramesFlow() throws Exception {
        try (MjpegViewer nat = view("nat"); MjpegViewer web = view("web")) {
            nat.awaitFrames(2, 10_000);
            web.awaitFrames(2, 10_000);
            CameraStatistics natStats = statistics("nat");
            CameraStatistics webStats = statistics("web");
            long corrupt = natStats.getFramesCorrupt() + webStats.getFramesCorrupt();
            long oversize = natStats.getFramesOversize() + webStats.getFramesOversize();
            long skipped = natStats.getBytesSkipped() + webStats.getBytesSkipped();

            simulator.faults().garbageBetweenFrames(100);
            simulator.faults().truncateNextFrames(4);
            simulator.faults().oversizeNextFrames(2, MAX_FRAME_SIZE * 3);
            int natBefore = nat.frames().size();
            int webBefore = web.frames().size();

            List<MjpegParser.Frame> natFrames = nat.awaitFrames(natBefore + 20, 15_000);
            List<MjpegParser.Frame> webFrames = web.awaitFrames(webBefore + 20, 15_000);
            assertThat(natFrames).hasSizeGreaterThanOrEqualTo(natBefore + 20);
            assertThat(webFrames).hasSizeGreaterThanOrEqualTo(webBefore + 20);
            assertThat(natStats.getFramesCorrupt() + webStats.getFramesCorrupt()).isEqualTo(corrupt + 4);
            assertThat(natStats.getFramesOversize() + webStats.getFramesOversize()).isEqualTo(oversize + 2);
            assertThat(natStats.getBytesSkipped() + webStats.getBytesSkipped()).isGreaterThan(skipped + 100 * 20);
            // Nothing but good frames reached a viewer.
            assertEveryFrameWasSentGood(natFrames, SimulatorTransport.NATIVE);
            assertEveryFrameWasSentGood(webFrames, SimulatorTransport.HTTP);
        }
    }

    private static void assertEveryFrameWasSentGood(List<MjpegParser.Frame> got, SimulatorTransport transport)
            throws InterruptedException {
        List<byte[]> sent = sentIncluding(got, transport);
        for (int i = 0; i < got.size(); i++) {
            byte[] jpeg = got.get(i).jpeg();
            assertThat(sent.stream().anyMatch(s -> Arrays.equals(s, jpeg)))
                    .as("viewed frame %d of %d (%d bytes) over %s is one the simulator sent whole", i, got.size(),
                            jpeg.length, transport)
                    .isTrue();
        }
    }
}
