package org.camrelay.component.vbc10.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.camrelay.simulator.CameraSimulator;
import org.camrelay.simulator.HeadLimits;
import org.camrelay.simulator.HeadPosition;
import org.camrelay.simulator.SimulatorTransport;
import org.camrelay.component.vbc10.Vbc10Configuration;
import org.camrelay.component.vbc10.Vbc10Transport;
import org.camrelay.component.vbc10.control.CameraGrant.State;
import org.camrelay.component.vbc10.control.PtzCommand.Move;
import org.camrelay.component.vbc10.webview.WebViewClient;
import org.camrelay.component.vbc10.webview.WebViewResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The WebView control client against the camera simulator over real sockets: its sessions, control slot (events 31
 * to 34, the control queue, the time limit), GetNotice and OperateCamera follow Canon's specification.
 */
class WebViewControlClientTest {

    private static final String USER = "operator";
    private static final String PASSWORD = "pan-tilt-s3cret";
    /** Narrower than the VB-C10's ends, so that the client must use the camera's *_limit values. */
    private static final HeadLimits LIMITS = new HeadLimits(-10000, 10000, -4500, 1000, 300, 4750);

    /** Stands for the vbc10 component's event loops. */
    private static EventLoopGroup group;

    private CameraSimulator camera;
    private WebViewControlClient client;
    private final List<CameraGrant> grants = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startGroup() {
        group = new NioEventLoopGroup(2);
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @BeforeEach
    void startCamera() {
        camera = CameraSimulator.builder().name("ptz-cam").nativePort(CameraSimulator.DISABLED).httpPort(0)
                .credentials(USER, PASSWORD).controlLimits(LIMITS).build();
        camera.start();
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        if (client != null) {
            client.stop();
            Eventually.until("the client's session is closed", () -> activeSessions() == 0);
        }
        camera.close();
    }

    private WebViewControlClient start(long lingerMillis) {
        Vbc10Configuration configuration = new Vbc10Configuration();
        configuration.setName("lobby");
        configuration.setHost("127.0.0.1");
        configuration.setTransport(Vbc10Transport.HTTP);
        configuration.setHttpPort(camera.httpPort());
        configuration.setUsername(USER);
        configuration.setPassword(PASSWORD);
        configuration.setReconnectDelay(100);
        configuration.setReconnectMaxDelay(1000);
        configuration.validate();
        ControlSettings settings = ControlSettings.from(configuration);
        settings.lingerMillis = lingerMillis;
        client = new WebViewControlClient(settings, group.next());
        client.addGrantListener(grants::add);
        client.start();
        return client;
    }

    /** The sessions the camera has open, as GetSystemInfo reports them. */
    private int activeSessions() {
        return Integer.parseInt(systemInfo().get("number_of_active_clients"));
    }

    private Map<String, String> systemInfo() {
        WebViewClient http = new WebViewClient(group, "test", "127.0.0.1", camera.httpPort(), USER, PASSWORD, 2000,
                64 * 1024);
        WebViewResponse answer = http.send("GetSystemInfo", Map.of("item", "current_status"), 5000).join();
        assertThat(answer.ok()).as(answer.problem()).isTrue();
        return answer.fields();
    }

    private List<State> grantStates() {
        return grants.stream().map(CameraGrant::state).toList();
    }

    private static PtzException failure(CompletableFuture<?> future) throws InterruptedException {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(PtzException.class);
            return (PtzException) e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no outcome within 10 s", e);
        }
        throw new AssertionError("succeeded, but should have failed");
    }

    private void awaitRest(HeadPosition expected) throws InterruptedException {
        Eventually.until(() -> "the head rests at " + expected + ", is at " + camera.head().position(),
                () -> !camera.head().isMoving() && camera.head().position().equals(expected));
    }

    @Test
    void readsPositionAndLimitsWithoutASession() throws Exception {
        start(10_000);

        Eventually.until("the client is available", () -> client.state().available());

        PtzState state = client.state();
        assertThat(state.limits()).isEqualTo(new PtzLimits(-100, 100, -45, 10, 3, 47.5));
        assertThat(state.position()).isEqualTo(new PtzPosition(0, 0, 47.5, false));
        assertThat(state.grant().state()).isEqualTo(State.NONE);
        assertThat(activeSessions()).isZero();
    }

    @Test
    void movesTheCameraAndTheStateFollows() throws Exception {
        start(10_000);
        Eventually.until("the client is available", () -> client.state().available());

        CameraGrant granted = client.acquire().get(10, TimeUnit.SECONDS);
        assertThat(granted.state()).isEqualTo(State.GRANTED);
        assertThat(granted.millis()).isEqualTo(20_000); // the simulator's time limit for general sessions
        assertThat(camera.head().controlHolder()).startsWith("session");

        client.submit(Move.absolute(30.0, -10.0, 20.0)).get(10, TimeUnit.SECONDS);
        awaitRest(new HeadPosition(3000, -1000, 2000, false));
        Eventually.until("the state follows the camera (event 41)",
                () -> new PtzPosition(30, -10, 20, false).equals(client.state().position()));

        client.submit(Move.relative(-5.5, null, null)).get(10, TimeUnit.SECONDS);
        awaitRest(new HeadPosition(2450, -1000, 2000, false));

        client.submit(new PtzCommand.PanTiltMove(PtzCommand.PanTilt.UP_RIGHT)).get(10, TimeUnit.SECONDS);
        Eventually.until("the head pans right and tilts up", () -> camera.head().position().pan() > 2450
                                                                   && camera.head().position().tilt() > -1000);
        client.submit(new PtzCommand.PanTiltMove(PtzCommand.PanTilt.STOP)).get(10, TimeUnit.SECONDS);
        Eventually.until("the head stops", () -> !camera.head().isMoving());
        HeadPosition stopped = camera.head().position();
        Eventually.until("the state follows the stop (event 42)", () -> new PtzPosition(stopped.pan() / 100.0,
                stopped.tilt() / 100.0, 20, false).equals(client.state().position()));

        client.submit(new PtzCommand.ZoomMove(PtzCommand.Zoom.TELE)).get(10, TimeUnit.SECONDS);
        Eventually.until("the head zooms in", () -> camera.head().position().zoom() < 2000);
        client.submit(new PtzCommand.ZoomMove(PtzCommand.Zoom.STOP)).get(10, TimeUnit.SECONDS);

        client.submit(new PtzCommand.BackLight(true)).get(10, TimeUnit.SECONDS);
        Eventually.until("back-light compensation is on", () -> camera.head().position().backLight());
        Eventually.until("the state shows it", () -> client.state().position().backLight());
        assertThat(client.state().commandsSent()).isEqualTo(7);
    }

    @Test
    void waitsBehindAnotherClientOfTheCameraThenGetsControl() throws Exception {
        camera.head().occupyControl(Duration.ofSeconds(30)); // given back below, once the queue is seen
        start(10_000);
        Eventually.until("the client is available", () -> client.state().available());

        CompletableFuture<CameraGrant> acquired = client.acquire();

        Eventually.until("the camera queues the relay (event 33)",
                () -> client.state().grant().state() == State.WAITING);
        CameraGrant waiting = client.state().grant();
        assertThat(waiting.millis()).isBetween(20_000L, 30_000L);
        assertThat(acquired).isNotDone();
        PtzException refused = failure(client.submit(Move.absolute(10.0, null, null)));
        assertThat(refused.reason()).isEqualTo(PtzException.Reason.CAMERA_REFUSED);
        assertThat(refused.getMessage()).contains("controlled by another client of the camera")
                .containsPattern("about [0-9.]+ s");

        camera.head().releaseControl(); // the other client is done
        assertThat(acquired.get(10, TimeUnit.SECONDS).state()).isEqualTo(State.GRANTED);
        assertThat(grantStates()).containsSubsequence(State.REQUESTED, State.WAITING, State.GRANTED);
        assertThat(camera.head().controlHolder()).startsWith("session");
        client.submit(Move.absolute(10.0, null, null)).get(10, TimeUnit.SECONDS);
        awaitRest(new HeadPosition(1000, 0, 4750, false));
    }

    @Test
    void reportsControlTakenAwayAndAsksAgain() throws Exception {
        start(10_000);
        client.acquire().get(10, TimeUnit.SECONDS);
        grants.clear();

        camera.head().takeControl(); // a privileged client takes it: event 32

        Eventually.until(() -> "the relay is queued again, grants " + grantStates(),
                () -> grantStates().contains(State.WAITING));
        camera.head().releaseControl();
        Eventually.until(() -> "control is granted again, grants " + grantStates(),
                () -> grantStates().contains(State.GRANTED));
        assertThat(grantStates()).containsExactly(State.REVOKED, State.REQUESTED, State.WAITING, State.GRANTED);
        assertThat(grants.get(0).reason()).contains("took control away");
        assertThat(client.state().grant().state()).isEqualTo(State.GRANTED);
        assertThat(camera.head().controlHolder()).startsWith("session");
    }

    @Test
    void reportsARefusal() throws Exception {
        camera.head().setControlEnabled(false);
        start(10_000);

        PtzException refused = failure(client.acquire());

        assertThat(refused.reason()).isEqualTo(PtzException.Reason.CAMERA_REFUSED);
        assertThat(refused.getMessage()).contains("refused control (event 34)");
        assertThat(client.state().grant().state()).isEqualTo(State.REFUSED);
        assertThat(client.state().refusals()).isEqualTo(1);
        assertThat(failure(client.submit(Move.absolute(1.0, null, null))).getMessage())
                .contains("did not give the relay control");
    }

    @Test
    void refusesAMoveOutOfRangeNamingTheLimitAndSendsNothing() throws Exception {
        start(10_000);
        Eventually.until("the limits are known", () -> client.state().limits() != null);
        long connections = camera.acceptedConnections(SimulatorTransport.HTTP);

        PtzException pan = failure(client.submit(Move.absolute(120.0, null, null)));
        PtzException tilt = failure(client.submit(Move.relative(null, 20.0, null)));
        PtzException zoom = failure(client.submit(Move.absolute(null, null, 2.0)));

        assertThat(pan.reason()).isEqualTo(PtzException.Reason.OUT_OF_RANGE);
        assertThat(pan.getMessage()).contains("pan 120.00", "pan_right_limit of 100.00");
        assertThat(tilt.getMessage()).contains("tilt 20.00", "tilt_up_limit of 10.00");
        assertThat(zoom.getMessage()).contains("zoom 2.00", "zoom_tele_limit of 3.00");
        assertThat(camera.acceptedConnections(SimulatorTransport.HTTP)).isEqualTo(connections);

        // with control, too: checked before anything goes to the camera
        client.acquire().get(10, TimeUnit.SECONDS);
        Eventually.until("only the GetNotice poll is open", () -> camera.openConnections(SimulatorTransport.HTTP) == 1);
        connections = camera.acceptedConnections(SimulatorTransport.HTTP);
        assertThat(failure(client.submit(Move.relative(-100.5, null, null))).getMessage())
                .contains("pan -100.50 is below the camera's pan_left_limit of -100.00");
        assertThat(camera.acceptedConnections(SimulatorTransport.HTTP)).isEqualTo(connections);
        assertThat(client.state().commandsSent()).isZero();
        assertThat(camera.head().position()).isEqualTo(HeadPosition.HOME);
    }

    @Test
    void aBurstOf200CommandsReachesTheCameraAsAHandful() throws Exception {
        start(10_000);
        client.acquire().get(10, TimeUnit.SECONDS);
        Eventually.until("the limits are known", () -> client.state().limits() != null);
        long connections = camera.acceptedConnections(SimulatorTransport.HTTP);

        List<CompletableFuture<PtzState>> results = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            results.add(client.submit(Move.absolute(i * 0.25, null, null)));
        }
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        awaitRest(new HeadPosition(5000, 0, 4750, false)); // the newest won
        // every command is one HTTP exchange with the camera; a few GetNotice polls follow the moves' events
        long exchanges = camera.acceptedConnections(SimulatorTransport.HTTP) - connections;
        assertThat(exchanges).isLessThanOrEqualTo(20);
        PtzState state = client.state();
        assertThat(state.commandsSent()).isBetween(1L, 10L);
        assertThat(state.commandsSent() + state.commandsCoalesced()).isEqualTo(200);
    }

    @Test
    void stopsMovingGivesControlBackAndClosesTheSessionAfterALinger() throws Exception {
        camera.close(); // a slow head: panning from the middle to a limit takes 10 s
        camera = CameraSimulator.builder().name("ptz-cam").nativePort(CameraSimulator.DISABLED).httpPort(0)
                .credentials(USER, PASSWORD).controlLimits(LIMITS).headSpeeds(1000, 1000, 2225).build();
        camera.start();
        start(1000);
        client.acquire().get(10, TimeUnit.SECONDS);
        assertThat(activeSessions()).isEqualTo(1);
        long sessionsOpened = Long.parseLong(systemInfo().get("total_number_of_clients"));
        client.submit(new PtzCommand.PanTiltMove(PtzCommand.PanTilt.LEFT)).get(10, TimeUnit.SECONDS);
        Eventually.until("the head pans", () -> camera.head().isMoving());

        client.release();

        Eventually.until("the head stops and control is free",
                () -> !camera.head().isMoving() && camera.head().controlHolder() == null);
        assertThat(camera.head().position().pan()).as("stopped by the release, not by the limit")
                .isGreaterThan(-5000);
        assertThat(client.state().grant().state()).isEqualTo(State.NONE);
        // a quick re-acquire reuses the session
        client.acquire().get(10, TimeUnit.SECONDS);
        assertThat(Long.parseLong(systemInfo().get("total_number_of_clients"))).isEqualTo(sessionsOpened);
        client.release();
        Eventually.until("the session is closed after the linger", () -> activeSessions() == 0);
        assertThat(camera.head().controlHolder()).isNull();
        assertThat(failure(client.submit(Move.absolute(1.0, null, null))).getMessage())
                .contains("does not hold control");
    }

    @Test
    void opensANewSessionWhenTheCameraForgetsItAndLogsNoSecrets() throws Exception {
        try (LogRecorder log = new LogRecorder(WebViewControlClient.class)) {
            start(10_000);
            client.acquire().get(10, TimeUnit.SECONDS);
            grants.clear();

            camera.stop(); // a camera restart ends every session
            camera.start();

            Eventually.until(() -> "control is granted again, grants " + grantStates(),
                    () -> grantStates().contains(State.GRANTED) && camera.head().controlHolder() != null);
            client.submit(Move.absolute(-20.0, null, null)).get(10, TimeUnit.SECONDS);
            awaitRest(new HeadPosition(-2000, 0, 4750, false));
            assertThat(log.lines()).anyMatch(line -> line.contains("Camera 'lobby'"))
                    .noneMatch(line -> line.contains(PASSWORD) || line.contains(USER))
                    .noneMatch(line -> line.matches("(?s).*[0-9A-F]{4}-[0-9A-F]{8}.*")); // a session id
        }
    }
}
