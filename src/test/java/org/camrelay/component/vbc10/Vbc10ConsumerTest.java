package org.camrelay.component.vbc10;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.logging.log4j.Level;
import org.camrelay.simulator.CameraSimulator;
import org.camrelay.simulator.NativeDialect;
import org.camrelay.simulator.SentFrame;
import org.camrelay.simulator.SimulatorTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The consumer against the camera simulator, over real sockets, on both transports and in both dialects of the native
 * one: a simulator that speaks the videogram dialect (and WebView HTTP), and one that speaks the simple dialect.
 */
class Vbc10ConsumerTest extends CamelTestSupport {

    /** How the camera is reached. */
    enum Mode {
        VIDEOGRAM, SIMPLE, HTTP
    }

    private static final String USER = "viewer";
    private static final String PASSWORD = "Pa55-w0rd";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String THREAD = "thread";

    private final List<SentFrame> sent = new CopyOnWriteArrayList<>();
    private final List<SentFrame> sentSimple = new CopyOnWriteArrayList<>();
    private CameraSimulator simulator;
    private CameraSimulator simpleSimulator;

    @Override
    protected void setupResources() {
        simulator = CameraSimulator.builder().name("source-test").bindHost("127.0.0.1").nativePort(0).httpPort(0)
                .fps(20).size(320, 240).credentials(USER, PASSWORD).build();
        simulator.addFrameListener(sent::add);
        simulator.start();
        simpleSimulator = CameraSimulator.builder().name("source-test-simple").nativeDialect(NativeDialect.SIMPLE)
                .bindHost("127.0.0.1").nativePort(0).httpPort(CameraSimulator.DISABLED).fps(20).size(320, 240).build();
        simpleSimulator.addFrameListener(sentSimple::add);
        simpleSimulator.start();
    }

    @Override
    protected void cleanupResources() {
        context.stop(); // before the camera goes, so that no consumer sees it go
        simulator.close();
        simpleSimulator.close();
    }

    /** The videogram dialect asks for imageSize with an image size videogram; the simple dialect cannot. */
    @ParameterizedTest
    @CsvSource({"VIDEOGRAM, 640, 480", "SIMPLE, 320, 240"})
    void deliversNativeFramesExactlyAsSentWithTheirHeaders(Mode mode, int width, int height) throws Exception {
        long before = System.currentTimeMillis();
        MockEndpoint frames = route("lobby", uri(mode, "lobby", "&imageSize=640x480"));

        awaitFrames(frames, 10);

        assertFramesAreTheGoodOnesSent(frames, mode);
        assertHeaders(frames, "lobby", width, height, before);
        CameraStatistics statistics = statistics("lobby");
        assertThat(statistics.isConnected()).isTrue();
        assertThat(statistics.getFramesReceived()).isGreaterThanOrEqualTo(10);
        assertThat(statistics.getBytesReceived()).isGreaterThan(bytes(frames));
        assertThat(statistics.getBytesSkipped() + statistics.getFramesCorrupt() + statistics.getReconnects()).isZero();
        assertThat(statistics.getLastFrameAt()).isGreaterThanOrEqualTo(before);
        assertThat(statistics.toString()).contains("connected=true");
    }

    @Test
    void deliversHttpFramesExactlyAsSentWithTheirHeaders() throws Exception {
        long before = System.currentTimeMillis();
        MockEndpoint frames = route("gate", httpUri("gate", PASSWORD, "&imageSize=160x120"));

        awaitFrames(frames, 10);

        assertFramesAreTheGoodOnesSent(frames, Mode.HTTP);
        assertHeaders(frames, "gate", 160, 120, before);
        assertThat(statistics("gate").getBytesSkipped()).isZero();
    }

    /**
     * Ten seconds of each dialect side by side (they share the wall clock): every frame exactly as sent, at the rate
     * asked for, on one connection. The rate is checked loosely below, since the machine may be busy, and strictly
     * above, where the pacer's grid allows no burst.
     */
    @Test
    void bothDialectsDeliverEveryFrameAsSentAtTheRequestedRateWithoutReconnecting() throws Exception {
        double fps = 10;
        long windowNanos = TimeUnit.SECONDS.toNanos(10);
        MockEndpoint videogram = route("videogram", uri(Mode.VIDEOGRAM, "videogram", "").replace("&fps=20", "&fps=10"));
        MockEndpoint simple = route("simple", uri(Mode.SIMPLE, "simple", "").replace("&fps=20", "&fps=10"));
        awaitFrames(videogram, 1);
        awaitFrames(simple, 1);
        long start = System.nanoTime();

        awaitFor("the ten-second window", TimeUnit.SECONDS.toMillis(20), () -> System.nanoTime() - start > windowNanos
                + TimeUnit.MILLISECONDS.toNanos(500));

        for (Mode mode : List.of(Mode.VIDEOGRAM, Mode.SIMPLE)) {
            MockEndpoint frames = mode == Mode.VIDEOGRAM ? videogram : simple;
            String name = mode == Mode.VIDEOGRAM ? "videogram" : "simple";
            List<Long> received = frames.getReceivedExchanges().stream()
                    .map(exchange -> exchange.getIn().getHeader(Vbc10Constants.RECEIVED_NANOS, Long.class)).toList();
            long first = received.get(0);
            long inWindow = received.stream().filter(nanos -> nanos - first < windowNanos).count();
            assertThat(inWindow).as("%s: frames in the first 10 s at %s fps", mode, fps)
                    .isBetween(Math.round(0.8 * fps * 10), Math.round(fps * 10) + 1);
            assertFramesAreTheGoodOnesSent(frames, mode);
            CameraStatistics statistics = statistics(name);
            assertThat(statistics.getReconnects() + statistics.getFramesCorrupt() + statistics.getFramesOversize()
                       + statistics.getBytesSkipped()).as("%s: %s", mode, statistics).isZero();
        }
        assertThat(simulator.acceptedConnections(SimulatorTransport.NATIVE)).isEqualTo(1);
        assertThat(simpleSimulator.acceptedConnections(SimulatorTransport.NATIVE)).isEqualTo(1);
    }

    @Test
    void servesSeveralCamerasOnTheSharedEventLoops() throws Exception {
        MockEndpoint first = route("one", nativeUri("one", ""));
        MockEndpoint second = route("two", nativeUri("two", ""));
        MockEndpoint third = route("three", httpUri("three", PASSWORD, ""));

        for (MockEndpoint frames : List.of(first, second, third)) {
            awaitFrames(frames, 5);
            assertThat(frames.getReceivedExchanges())
                    .allSatisfy(exchange -> assertThat(exchange.getIn().getHeader(THREAD, String.class))
                            .matches("vbc10-io-[12]"));
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(thread -> thread.getName().startsWith("vbc10-io-")).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void dropsWholeFramesWhileTheRouteHoldsTooManyAndKeepsReading() throws Exception {
        AtomicBoolean holding = new AtomicBoolean(true);
        List<AsyncCallback> held = new CopyOnWriteArrayList<>();
        AtomicInteger routed = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(nativeUri("busy", "")).routeId("busy").process(new AsyncProcessorSupport() {
                    @Override
                    public boolean process(Exchange exchange, AsyncCallback callback) {
                        routed.incrementAndGet();
                        if (holding.get()) {
                            held.add(callback);
                            return false;
                        }
                        callback.done(true);
                        return true;
                    }
                });
            }
        });

        await("eight frames held", () -> held.size() == 8);
        CameraStatistics statistics = statistics("busy");
        await("frames dropped, not queued, while the route is busy", () -> statistics.getFramesDropped() >= 3);
        assertThat(routed).as("frames routed while eight are held").hasValue(8);
        assertThat(statistics.isConnected()).isTrue();

        holding.set(false);
        held.forEach(callback -> callback.done(false));
        await("frames to flow again", () -> routed.get() >= 13);
        assertThat(simulator.acceptedConnections(SimulatorTransport.NATIVE)).isEqualTo(1);
    }

    /**
     * In the videogram dialect the garbage is videograms of an unknown type, the truncated JPEGs come in correctly
     * framed videograms, and the oversized one is skipped by its length.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void countsBrokenFramesAndGarbageWhileGoodFramesKeepFlowing(Mode mode) throws Exception {
        String options = "&maxFrameSize=200000&stallTimeout=2000";
        try (LogCapture log = new LogCapture(StreamEventLogger.class)) {
            MockEndpoint frames = route("faulty", uri(mode, "faulty", options));
            awaitFrames(frames, 3);

            simulator(mode).faults().garbageBetweenFrames(100).truncateNextFrames(2).oversizeNextFrames(1, 300_000);
            CameraStatistics statistics = statistics("faulty");
            await("faults are counted", () -> statistics.getFramesCorrupt() == 2 && statistics.getFramesOversize() == 1
                                              && statistics.getBytesSkipped() >= 100);
            int received = frames.getReceivedCounter();
            awaitFrames(frames, received + 5);

            assertFramesAreTheGoodOnesSent(frames, mode);
            assertThat(simulator(mode).acceptedConnections(transport(mode))).as("connections").isEqualTo(1);
            assertThat(log.messages(Level.WARN)).hasSize(3)
                    .anyMatch(message -> message.startsWith("Camera 'faulty' sent a corrupt frame (truncated"))
                    .anyMatch(message -> message.startsWith("Camera 'faulty' sent a frame larger than maxFrameSize"))
                    .anyMatch(message -> message.matches("Camera 'faulty' sent \\d+ bytes that belong to no JPEG.*"));
            if (mode == Mode.VIDEOGRAM) {
                assertThat(log.messages(Level.WARN)).as("each payload checked on its own, found cut at its end")
                        .anyMatch(message -> message.startsWith("Camera 'faulty' sent a corrupt frame (truncated: the"
                                                                + " video payload of"));
            }
        }
    }

    @Test
    void reconnectsWhenTheCameraStalls() throws Exception {
        try (LogCapture log = new LogCapture(Vbc10Consumer.class)) {
            MockEndpoint frames = route("stalling", nativeUri("stalling", "&stallTimeout=500&reconnectDelay=100"));
            awaitFrames(frames, 5);

            simulator.faults().stall(true);
            await("a reconnect", () -> simulator.acceptedConnections(SimulatorTransport.NATIVE) >= 2);
            simulator.faults().stall(false);
            awaitFrames(frames, frames.getReceivedCounter() + 5);

            assertSequenceCarriesOn(frames);
            assertThat(statistics("stalling").getReconnects()).isGreaterThanOrEqualTo(1);
            assertThat(log.messages(Level.WARN)).containsExactly("Camera 'stalling' (127.0.0.1:"
                                                                 + simulator.nativePort() + ") is down: stalled: no"
                                                                 + " complete frame for 500 ms; reconnecting with backoff");
            assertThat(log.messages(Level.INFO)).last().asString()
                    .matches("Camera 'stalling' is back after \\d+\\.\\d s, 1 attempt");
        }
    }

    /** The native camera comes back to a relay that replays the whole start sequence. */
    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"VIDEOGRAM", "HTTP"})
    void recoversWhenTheCameraComesBackWithoutRestartingTheRoute(Mode mode) throws Exception {
        try (LogCapture log = new LogCapture(Vbc10Consumer.class)) {
            MockEndpoint frames = route("flaky", uri(mode, "flaky", "&reconnectDelay=50&reconnectMaxDelay=200"));
            awaitFrames(frames, 5);

            simulator.stop();
            CameraStatistics statistics = statistics("flaky");
            await("failed attempts", () -> statistics.getReconnects() >= 3);
            assertThat(statistics.isConnected()).isFalse();
            simulator.start();
            awaitFrames(frames, frames.getReceivedCounter() + 5);

            assertSequenceCarriesOn(frames);
            assertFramesAreTheGoodOnesSent(frames, mode);
            assertThat(statistics.isConnected()).isTrue();
            String address = "127.0.0.1:" + (mode == Mode.HTTP ? simulator.httpPort() : simulator.nativePort());
            // An HTTP stream that ends with the connection between frames, as at the camera's maximum connection
            // time, is renewed at once, which is refused; in the middle of a frame (rare) it fails there and then.
            // A camera that goes away with bytes unread closes with a reset instead, on either transport.
            String reset = "|connection reset by the camera";
            String reason = mode == Mode.HTTP
                    ? "(connection refused|the camera closed the stream in the middle of a frame" + reset + ")"
                    : "(" + java.util.regex.Pattern.quote("connection closed by the camera") + reset + ")";
            assertThat(log.messages(Level.WARN)).hasSize(1).first().asString().matches(
                    java.util.regex.Pattern.quote("Camera 'flaky' (" + address + ") is down: ") + reason
                    + "; reconnecting with backoff");
            assertThat(log.messages(Level.DEBUG)).anyMatch(message -> message.startsWith(
                    "Camera 'flaky' (" + address + ") is still down: connection refused; next attempt in"));
            assertThat(log.messages(Level.INFO)).last().asString()
                    .matches("Camera 'flaky' is back after \\d+\\.\\d s, [3-9]\\d* attempts");
        }
    }

    /**
     * The consumer's own health check, as a plain Camel context with camel-health has it in its consumers repository:
     * DOWN with the reason while the camera is away, UP again when it is back; readiness only.
     */
    @Test
    void theConsumersHealthCheckIsDownWhileTheCameraIsAway() throws Exception {
        MockEndpoint frames = route("watched", nativeUri("watched", "&stallTimeout=1000&reconnectDelay=50"
                                                                    + "&reconnectMaxDelay=200"));
        awaitFrames(frames, 3);
        await("the check UP", () -> consumerCheck(false).getState() == HealthCheck.State.UP);

        simulator.stop();
        try {
            await("the check DOWN", () -> consumerCheck(false).getState() == HealthCheck.State.DOWN);
            HealthCheck.Result down = consumerCheck(false);
            assertThat(down.getMessage()).hasValueSatisfying(message -> assertThat(message)
                    .startsWith("camera 'watched' (127.0.0.1:" + simulator.nativePort() + ") is down: ")
                    .contains("stall timeout 1.0 s"));
            assertThat(down.getDetails()).containsEntry("camera", "watched").containsEntry("state", "DOWN")
                    .containsEntry("connected", false).containsKeys("reason", "lastFrameAgeMillis");
            assertThat(consumerCheck(true).getState()).as("as a liveness check").isEqualTo(HealthCheck.State.UP);
        } finally {
            simulator.start();
        }
        await("the check UP again", () -> consumerCheck(false).getState() == HealthCheck.State.UP);
    }

    @Test
    void replaysTheStartSequenceWhenTheCameraDropsTheConnection() throws Exception {
        try (LogCapture log = new LogCapture(Vbc10Consumer.class)) {
            MockEndpoint frames = route("dropping", nativeUri("dropping", "&reconnectDelay=50&reconnectMaxDelay=50"));
            awaitFrames(frames, 2);

            simulator.faults().dropConnectionAfterFrames(3);
            await("two reconnects", () -> simulator.acceptedConnections(SimulatorTransport.NATIVE) >= 3);
            simulator.faults().reset();
            awaitFrames(frames, frames.getReceivedCounter() + 5);

            assertSequenceCarriesOn(frames);
            assertFramesAreTheGoodOnesSent(frames, Mode.VIDEOGRAM);
            assertThat(log.messages(Level.WARN)).first().asString()
                    .endsWith("is down: connection closed by the camera; reconnecting with backoff");
        }
    }

    @Test
    void namesTheReplyACameraDoesNotGive() throws Exception {
        try (LogCapture log = new LogCapture(Vbc10Consumer.class);
             ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            // the kernel completes the connection from the backlog: connected, and never a byte back
            route("mute", "vbc10:mute?host=127.0.0.1&videoPort=" + silent.getLocalPort() + "&stallTimeout=600");

            await("the outage report", () -> !log.messages(Level.WARN).isEmpty());

            assertThat(log.messages(Level.WARN)).containsExactly("Camera 'mute' (127.0.0.1:" + silent.getLocalPort()
                                                                 + ") is down: the camera did not answer VERSION within"
                                                                 + " 300 ms; reconnecting with backoff");
        }
    }

    @Test
    void reportsRefusedCredentialsAndRetriesWithBackoff() throws Exception {
        String wrongPassword = "Wr0ng-Pa55";
        try (LogCapture log = new LogCapture(Vbc10Consumer.class)) {
            MockEndpoint frames = route("locked", httpUri("locked", wrongPassword,
                    "&reconnectDelay=100&reconnectMaxDelay=400&reconnectJitter=0"));

            // The client logs each failed attempt after the simulator has accepted it: wait for the log.
            await("three retries scheduled", () -> log.messages(Level.DEBUG).stream()
                    .filter(message -> message.contains("next attempt in")).count() >= 3);

            assertThat(frames.getReceivedCounter()).isZero();
            assertThat(statistics("locked").isConnected()).isFalse();
            assertThat(log.messages(Level.WARN)).containsExactly("Camera 'locked' (127.0.0.1:" + simulator.httpPort()
                                                                 + ") is down: authentication failed (HTTP 401"
                                                                 + " Unauthorized); reconnecting with backoff");
            assertThat(log.messages(Level.DEBUG)).filteredOn(message -> message.contains("next attempt in"))
                    .extracting(message -> message.replaceAll(".*next attempt in (\\d+) ms", "$1"))
                    .startsWith("200", "400", "400");
            assertThat(log.messages()).noneMatch(message -> message.contains(wrongPassword));
        }
    }

    @Test
    void reportsAMissingStreamPath() throws Exception {
        try (LogCapture log = new LogCapture(Vbc10Consumer.class)) {
            route("lost", httpUri("lost", PASSWORD, "&httpPath=/missing.mjpg?user=" + USER));

            await("the outage report", () -> !log.messages(Level.WARN).isEmpty());

            assertThat(log.messages(Level.WARN).get(0))
                    .contains("is down: path not found: /missing.mjpg (HTTP 404 Not Found)")
                    .doesNotContain(USER);
        }
    }

    @Test
    void stoppingTheRouteClosesTheConnectionAndCancelsReconnects() throws Exception {
        MockEndpoint frames = route("live", nativeUri("live", ""));
        awaitFrames(frames, 3);
        route("dead", "vbc10:dead?host=127.0.0.1&videoPort=1&reconnectDelay=50&reconnectMaxDelay=50");
        CameraStatistics dead = statistics("dead");
        await("failed attempts", () -> dead.getReconnects() >= 2);

        long start = System.nanoTime();
        context.getRouteController().stopRoute("live");
        context.getRouteController().stopRoute("dead");
        long attempts = dead.getReconnects();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        await("the camera to see the connection closed",
                () -> simulator.openConnections(SimulatorTransport.NATIVE) == 0);
        Thread.sleep(200);
        assertThat(dead.getReconnects()).isEqualTo(attempts);
        assertThat(statistics("live").isConnected()).isFalse();
    }

    /** Camel's check of the consumer of route "watched", as readiness or as liveness, with all its details. */
    private HealthCheck.Result consumerCheck(boolean liveness) {
        HealthCheck.Kind kind = liveness ? HealthCheck.Kind.LIVENESS : HealthCheck.Kind.READINESS;
        return HealthCheckHelper.invoke(context, check -> Map.of(HealthCheck.CHECK_KIND, kind), check -> false, "full")
                .stream().filter(result -> result.getCheck().getId().equals("consumer:watched")).findFirst()
                .orElseThrow(() -> new AssertionError("no check consumer:watched"));
    }

    private MockEndpoint route(String id, String uri) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId(id)
                        .process(exchange -> exchange.getIn().setHeader(THREAD, Thread.currentThread().getName()))
                        .to("mock:" + id);
            }
        });
        return getMockEndpoint("mock:" + id);
    }

    private String uri(Mode mode, String name, String options) {
        return switch (mode) {
            case VIDEOGRAM -> nativeUri(name, options);
            case SIMPLE -> "vbc10:" + name + "?host=127.0.0.1&nativeDialect=simple&videoPort="
                           + simpleSimulator.nativePort() + "&fps=20" + options;
            case HTTP -> httpUri(name, PASSWORD, options);
        };
    }

    private CameraSimulator simulator(Mode mode) {
        return mode == Mode.SIMPLE ? simpleSimulator : simulator;
    }

    private static SimulatorTransport transport(Mode mode) {
        return mode == Mode.HTTP ? SimulatorTransport.HTTP : SimulatorTransport.NATIVE;
    }

    private String nativeUri(String name, String options) {
        return "vbc10:" + name + "?host=127.0.0.1&videoPort=" + simulator.nativePort() + "&fps=20" + options;
    }

    /** Video only: pan/tilt/zoom control would add its own short WebView requests to the connections counted. */
    private String httpUri(String name, String password, String options) {
        return "vbc10:" + name + "?host=127.0.0.1&transport=http&httpPort=" + simulator.httpPort() + "&fps=20&control=none"
               + "&username=" + USER + "&password=RAW(" + password + ")" + options;
    }

    private CameraStatistics statistics(String routeId) {
        return ((Vbc10Endpoint) context.getRoute(routeId).getEndpoint()).getStatistics();
    }

    /** The frames received are, in order, the good frames the simulator sent: nothing lost, nothing altered. */
    private void assertFramesAreTheGoodOnesSent(MockEndpoint frames, Mode mode) throws Exception {
        List<byte[]> received = frames.getReceivedExchanges().stream().map(e -> e.getIn().getBody(byte[].class)).toList();
        await("the simulator to report the frames sent", () -> goodFramesSent(mode).size() >= received.size());
        List<byte[]> good = goodFramesSent(mode);
        for (int i = 0; i < received.size(); i++) {
            assertThat(Arrays.equals(received.get(i), good.get(i)))
                    .as("frame %d: %d bytes received, %d sent", i, received.get(i).length, good.get(i).length).isTrue();
        }
    }

    private List<byte[]> goodFramesSent(Mode mode) {
        return (mode == Mode.SIMPLE ? sentSimple : sent).stream()
                .filter(frame -> frame.transport() == transport(mode) && frame.kind() == SentFrame.Kind.GOOD)
                .map(SentFrame::jpeg)
                .toList();
    }

    private static void assertHeaders(MockEndpoint frames, String camera, int width, int height, long notBefore) {
        long previousNanos = Long.MIN_VALUE;
        List<Exchange> exchanges = frames.getReceivedExchanges();
        for (int i = 0; i < exchanges.size(); i++) {
            Message message = exchanges.get(i).getIn();
            assertThat(message.getHeader(Vbc10Constants.CAMERA)).isEqualTo(camera);
            assertThat(message.getHeader(Vbc10Constants.SEQUENCE)).isEqualTo(i + 1L);
            assertThat(message.getHeader(Vbc10Constants.WIDTH)).isEqualTo(width);
            assertThat(message.getHeader(Vbc10Constants.HEIGHT)).isEqualTo(height);
            assertThat(message.getHeader(Vbc10Constants.RECEIVED_AT, Long.class))
                    .isBetween(notBefore, System.currentTimeMillis());
            long nanos = message.getHeader(Vbc10Constants.RECEIVED_NANOS, Long.class);
            assertThat(nanos).isGreaterThanOrEqualTo(previousNanos);
            previousNanos = nanos;
            assertThat(message.getHeader(THREAD, String.class)).startsWith("vbc10-io-");
        }
    }

    private static void assertSequenceCarriesOn(MockEndpoint frames) {
        assertThat(frames.getReceivedExchanges())
                .extracting(exchange -> exchange.getIn().getHeader(Vbc10Constants.SEQUENCE, Long.class))
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, frames.getReceivedCounter()).boxed().toList());
    }

    private static long bytes(MockEndpoint frames) {
        return frames.getReceivedExchanges().stream().mapToLong(e -> e.getIn().getBody(byte[].class).length).sum();
    }

    private static void awaitFrames(MockEndpoint frames, int count) throws InterruptedException {
        await(count + " frames", () -> frames.getReceivedCounter() >= count);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        awaitFor(what, TIMEOUT.toMillis(), condition);
    }

    private static void awaitFor(String what, long timeoutMillis, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
