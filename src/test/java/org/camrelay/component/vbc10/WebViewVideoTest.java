package org.camrelay.component.vbc10;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.logging.log4j.Level;
import org.camrelay.simulator.CameraSimulator;
import org.camrelay.simulator.SimulatorTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The http transport against the simulator as Canon's WebView specification describes a camera, over real sockets:
 * the rate asked of GetOneShot in the specification's units, streams the camera ends at its maximum connection time,
 * the GetLiveImage mode, and refusals reported with their reasons.
 */
class WebViewVideoTest extends CamelTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private CameraSimulator simulator;

    @AfterEach
    void stopSimulator() {
        context.stop(); // before the camera goes, so that no consumer sees it go
        if (simulator != null) {
            simulator.close();
        }
    }

    /**
     * 6 fps for 10 s gives about 60 frames, on one connection. A frame_rate of 6, read as the specification reads it
     * (6 frames per 1,000 s), would give none; the camera's own rate (30 fps here) about 300. 10 s, so that a
     * tolerance of a few frames for busy machines cannot hide a wrong rate.
     */
    @Test
    void getOneShotDeliversTheRequestedRateOnOneConnection() throws Exception {
        simulator = start(CameraSimulator.builder());
        MockEndpoint frames = route("rate", uri("rate", "&fps=6"));
        awaitFrames(frames, 1);
        long start = receivedNanos(frames.getReceivedExchanges().get(0));
        long window = TimeUnit.SECONDS.toNanos(10);

        await("10 s of frames", () -> System.nanoTime() - start > window + TimeUnit.MILLISECONDS.toNanos(500));

        long inWindow = frames.getReceivedExchanges().stream().mapToLong(WebViewVideoTest::receivedNanos)
                .filter(nanos -> nanos - start < window).count();
        assertThat(inWindow).as("frames in 10 s at 6 fps").isBetween(50L, 62L);
        CameraStatistics statistics = statistics("rate");
        assertThat(statistics.getReconnects()).isZero();
        assertThat(statistics.getStreamRenewals()).isZero();
        assertThat(simulator.acceptedConnections(SimulatorTransport.HTTP)).isEqualTo(1);
    }

    @Test
    void readsTheBoundaryOfLaterModels() throws Exception {
        simulator = start(CameraSimulator.builder().multipartBoundary("boundary"));
        MockEndpoint frames = route("c60", uri("c60", "&fps=10"));

        awaitFrames(frames, 5);

        assertThat(statistics("c60").getBytesSkipped()).isZero();
    }

    @Test
    void aStreamCutAtTheMaximumConnectionTimeResumesAtOnceCountedAsARenewalLoggedOnce() throws Exception {
        simulator = start(CameraSimulator.builder().connectionTimeLimit(Duration.ofMillis(1500)));
        try (LogCapture log = new LogCapture(Vbc10Consumer.class)) {
            // a backoff would leave a gap of 3 s
            MockEndpoint frames = route("cut", uri("cut", "&fps=10&reconnectDelay=3000&reconnectJitter=0"));
            CameraStatistics statistics = statistics("cut");

            await("three renewals", () -> statistics.getStreamRenewals() >= 3);
            int before = frames.getReceivedCounter();
            awaitFrames(frames, before + 3);

            assertThat(statistics.getReconnects()).isZero();
            assertThat(statistics.isConnected()).isTrue();
            assertThat(simulator.acceptedConnections(SimulatorTransport.HTTP)).isGreaterThanOrEqualTo(4);
            assertThat(log.messages(Level.WARN)).isEmpty();
            assertThat(log.messages(Level.INFO)).filteredOn(message -> message.contains("renewed at once"))
                    .singleElement().asString()
                    .matches("Camera 'cut': the camera ended the stream after 1\\.\\d s and \\d+ frames, as a camera"
                             + " does at its maximum connection time; stream renewed at once \\(renewal 1;.*");
            assertThat(log.messages(Level.DEBUG)).filteredOn(message -> message.contains("renewed at once"))
                    .hasSizeGreaterThanOrEqualTo(2);
            List<Exchange> received = frames.getReceivedExchanges();
            long longestGap = LongStream.range(1, received.size())
                    .map(i -> receivedNanos(received.get((int) i)) - receivedNanos(received.get((int) i - 1)))
                    .max().orElseThrow();
            assertThat(Duration.ofNanos(longestGap)).as("longest gap between frames").isLessThan(Duration.ofMillis(1500));
            assertSequenceCarriesOn(frames);
        }
    }

    @Test
    void aCameraThatEndsStreamsTooOftenOrBeforeAnyFrameIsFailing() throws Exception {
        simulator = start(CameraSimulator.builder().connectionTimeLimit(Duration.ofMillis(400)));
        try (LogCapture log = new LogCapture(Vbc10Consumer.class)) {
            route("hasty", uri("hasty", "&fps=10&maxRenewalsPerMinute=2&reconnectDelay=100"));
            CameraStatistics statistics = statistics("hasty");

            await("the outage report", () -> !log.messages(Level.WARN).isEmpty());

            assertThat(log.messages(Level.WARN)).singleElement().asString().matches("Camera 'hasty' \\(127\\.0\\.0\\.1:\\d+\\)"
                    + " is down: the camera ended the stream after 0\\.\\d s, the 3rd time within a minute"
                    + " \\(maxRenewalsPerMinute is 2\\); reconnecting with backoff");
            assertThat(statistics.getStreamRenewals()).isEqualTo(2);
            assertThat(statistics.getProblem()).startsWith("the camera ended the stream after");
            context.getRouteController().stopRoute("hasty");

            simulator.faults().stall(true);
            route("silent", uri("silent", "&fps=10"));
            await("the outage report", () -> log.messages(Level.WARN).size() == 2);

            assertThat(log.messages(Level.WARN).get(1)).endsWith(
                    " is down: the camera ended the stream before its first frame; reconnecting with backoff");
            assertThat(statistics("silent").getStreamRenewals()).isZero();
        }
    }

    /**
     * GetLiveImage where GetOneShot is refused: 6 fps over 8 s, while the camera drops the session every 2 s (its
     * maximum connection time), each drop reopened at once as a renewal.
     */
    @Test
    void liveImageModeDeliversTheRateAndReopensDroppedSessions() throws Exception {
        simulator = start(CameraSimulator.builder().restrictForGuests("GetOneShot")
                .connectionTimeLimit(Duration.ofSeconds(2)));
        try (LogCapture log = new LogCapture(Vbc10Consumer.class)) {
            MockEndpoint frames = route("live", uri("live", "&fps=6&httpVideo=liveImage&reconnectDelay=3000"));
            awaitFrames(frames, 1);
            long start = receivedNanos(frames.getReceivedExchanges().get(0));
            long window = TimeUnit.SECONDS.toNanos(8);

            await("8 s of frames", () -> System.nanoTime() - start > window + TimeUnit.MILLISECONDS.toNanos(500));

            long inWindow = frames.getReceivedExchanges().stream().mapToLong(WebViewVideoTest::receivedNanos)
                    .filter(nanos -> nanos - start < window).count();
            assertThat(inWindow).as("frames in 8 s at 6 fps").isBetween(40L, 50L);
            CameraStatistics statistics = statistics("live");
            assertThat(statistics.getStreamRenewals()).as("sessions dropped and reopened").isGreaterThanOrEqualTo(3);
            assertThat(statistics.getReconnects()).isZero();
            assertThat(statistics.getFramesCorrupt() + statistics.getBytesSkipped()).isZero();
            assertThat(log.messages(Level.WARN)).isEmpty();
            assertThat(log.messages(Level.INFO)).anyMatch(message -> message.startsWith(
                    "Camera 'live': the camera dropped the session (501 Unknown Connection ID"));
            assertSequenceCarriesOn(frames);
        }
    }

    @Test
    void liveImageChecksEachAnswerAsOneJpegCountingBrokenOnesAndGoesOn() throws Exception {
        simulator = start(CameraSimulator.builder());
        try (LogCapture log = new LogCapture(Vbc10Consumer.class)) {
            MockEndpoint frames = route("checked", uri("checked", "&fps=10&httpVideo=liveImage&maxFrameSize=100000"));
            awaitFrames(frames, 2);

            simulator.faults().truncateNextFrames(2).oversizeNextFrames(1, 300_000);
            CameraStatistics statistics = statistics("checked");
            await("broken answers counted", () -> statistics.getFramesCorrupt() == 2
                                                 && statistics.getFramesOversize() == 1);
            awaitFrames(frames, frames.getReceivedCounter() + 3);

            assertThat(frames.getReceivedExchanges()).allSatisfy(exchange -> {
                byte[] jpeg = exchange.getIn().getBody(byte[].class);
                assertThat(jpeg.length).isLessThan(100_000);
                assertThat(jpeg[jpeg.length - 2] & 0xFF).isEqualTo(0xFF);
                assertThat(jpeg[jpeg.length - 1] & 0xFF).as("EOI").isEqualTo(0xD9);
            });
            assertThat(statistics.getReconnects() + statistics.getStreamRenewals()).isZero();
            assertThat(log.messages(Level.WARN)).isEmpty();
        }
    }

    @Test
    void livescopeRefusalsAreReportedWithTheirReasonsAndAStoppedSessionIsClosedOnTheCamera() throws Exception {
        simulator = start(CameraSimulator.builder().restrictForGuests("GetOneShot").maxClients(1)
                .sessionIdleTimeout(Duration.ofMinutes(5)));
        try (LogCapture log = new LogCapture(Vbc10Consumer.class)) {
            route("restricted", uri("restricted", "&fps=6"));
            await("the outage report", () -> log.messages(Level.WARN).size() == 1);
            String refused = "camera refused GetOneShot: 507 Insufficient Privilege";
            assertThat(log.messages(Level.WARN).get(0)).contains(" is down: " + refused)
                    .endsWith("; if the camera restricts GetOneShot, try httpVideo=liveImage; reconnecting with backoff");
            assertThat(statistics("restricted").getProblem()).startsWith(refused);
            context.getRouteController().stopRoute("restricted");

            MockEndpoint first = route("first", uri("first", "&fps=6&httpVideo=liveImage"));
            awaitFrames(first, 2);
            MockEndpoint second = route("second", uri("second",
                    "&fps=6&httpVideo=liveImage&reconnectDelay=100&reconnectMaxDelay=300"));
            await("the outage report", () -> log.messages(Level.WARN).size() == 2);
            assertThat(log.messages(Level.WARN).get(1))
                    .contains("Camera 'second'", " is down: camera refused OpenCameraServer: 503 Too many clients");
            assertThat(second.getReceivedCounter()).isZero();

            // CloseCameraServer frees the camera's only session at once, long before it would expire
            context.getRouteController().stopRoute("first");
            awaitFrames(second, 2);
        }
    }

    private CameraSimulator start(CameraSimulator.Builder builder) {
        CameraSimulator camera = builder.name("webview-test").bindHost("127.0.0.1").nativePort(CameraSimulator.DISABLED)
                .httpPort(0).fps(30).size(160, 120).build();
        camera.start();
        return camera;
    }

    private MockEndpoint route(String id, String uri) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId(id).to("mock:" + id);
            }
        });
        return getMockEndpoint("mock:" + id);
    }

    /** Video only: pan/tilt/zoom control would add its own short WebView requests to the connections counted. */
    private String uri(String name, String options) {
        return "vbc10:" + name + "?host=127.0.0.1&transport=http&httpPort=" + simulator.httpPort()
               + "&imageSize=160x120&control=none" + options;
    }

    private CameraStatistics statistics(String routeId) {
        return ((Vbc10Endpoint) context.getRoute(routeId).getEndpoint()).getStatistics();
    }

    private static long receivedNanos(Exchange exchange) {
        return exchange.getIn().getHeader(Vbc10Constants.RECEIVED_NANOS, Long.class);
    }

    private static void assertSequenceCarriesOn(MockEndpoint frames) {
        assertThat(frames.getReceivedExchanges())
                .extracting(exchange -> exchange.getIn().getHeader(Vbc10Constants.SEQUENCE, Long.class))
                .isEqualTo(LongStream.rangeClosed(1, frames.getReceivedCounter()).boxed().toList());
    }

    private static void awaitFrames(MockEndpoint frames, int count) throws InterruptedException {
        await(count + " frames", () -> frames.getReceivedCounter() >= count);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
