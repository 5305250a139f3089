package org.camrelay.component.vbc10.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.camrelay.simulator.CameraSimulator;
import org.camrelay.simulator.HeadLimits;
import org.camrelay.simulator.HeadPosition;
import org.camrelay.component.vbc10.Vbc10Configuration;
import org.camrelay.component.vbc10.control.CameraGrant.State;
import org.camrelay.component.vbc10.control.PtzCommand.Move;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The native control client against the camera simulator's control port, over real sockets. */
class NativeControlClientTest {

    private static final HeadLimits LIMITS = new HeadLimits(-10000, 10000, -4500, 1000, 300, 4750);

    private static EventLoopGroup group;

    private CameraSimulator camera;
    private NativeControlClient client;
    private final List<CameraGrant> grants = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startGroup() {
        group = new NioEventLoopGroup(2);
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        if (client != null) {
            client.stop();
            Eventually.until("the client's connection is closed",
                    () -> camera.openControlConnections() == 0);
        }
        camera.close();
    }

    private void startCamera(Duration controlTimeLimit) {
        camera = CameraSimulator.builder().name("ptz-cam").nativePort(CameraSimulator.DISABLED)
                .httpPort(CameraSimulator.DISABLED).controlPort(0).controlLimits(LIMITS)
                .controlTimeLimit(controlTimeLimit).build();
        camera.start();
    }

    private NativeControlClient start(Consumer<Vbc10Configuration> options) {
        Vbc10Configuration configuration = new Vbc10Configuration();
        configuration.setName("gate");
        configuration.setHost("127.0.0.1");
        configuration.setControlPort(camera.controlPort());
        configuration.setControlLimits("-100,100,-45,10,3,47.5");
        configuration.setReconnectDelay(100);
        configuration.setReconnectMaxDelay(1000);
        options.accept(configuration);
        configuration.validate();
        client = (NativeControlClient) CameraControlClients.create(configuration, group);
        client.addGrantListener(grants::add);
        client.start();
        return client;
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
        } catch (TimeoutException e) {
            throw new AssertionError("no outcome within 10 s", e);
        }
        throw new AssertionError("succeeded, but should have failed");
    }

    private void awaitRest(HeadPosition expected) throws InterruptedException {
        Eventually.until(() -> "the head rests at " + expected + ", is at " + camera.head().position(),
                () -> !camera.head().isMoving() && camera.head().position().equals(expected));
    }

    @Test
    void connectsOnlyWhileControlIsWantedAndMovesTheCamera() throws Exception {
        startCamera(Duration.ofSeconds(20));
        // a login of two datagrams, the second with an extra word, each answered before the next
        start(options -> options.setControlLogin("00000000000100000000000000000000,"
                                                 + "0001000000990000000000000000000000000000"));
        assertThat(client.state().limits()).isEqualTo(new PtzLimits(-100, 100, -45, 10, 3, 47.5));
        // a short connection reads the position, and takes nothing
        Eventually.until("the position read at start", () -> client.state().available()
                && new PtzPosition(0, 0, 47.5, false).equals(client.state().position()));
        Eventually.until("the reading connection closed", () -> camera.openControlConnections() == 0);
        assertThat(camera.acceptedControlConnections()).isEqualTo(1);
        assertThat(camera.head().controlHolder()).isNull();
        assertThat(client.state().grant().state()).isEqualTo(State.NONE);

        CameraGrant granted = client.acquire().get(10, TimeUnit.SECONDS);

        assertThat(granted.state()).isEqualTo(State.GRANTED);
        assertThat(granted.millis()).isEqualTo(20_000);
        assertThat(camera.head().controlHolder()).startsWith("native control connection");
        assertThat(client.state().position()).isEqualTo(new PtzPosition(0, 0, 47.5, false));
        assertThat(client.state().available()).isTrue();

        client.submit(Move.absolute(30.0, -10.0, 20.0)).get(10, TimeUnit.SECONDS);
        awaitRest(new HeadPosition(3000, -1000, 2000, false));
        client.submit(Move.relative(-5.5, null, null)).get(10, TimeUnit.SECONDS);
        awaitRest(new HeadPosition(2450, -1000, 2000, false));
        client.submit(Move.absolute(null, 5.0, null)).get(10, TimeUnit.SECONDS);
        awaitRest(new HeadPosition(2450, 500, 2000, false));
        Eventually.until("the state follows the camera's position updates",
                () -> new PtzPosition(24.5, 5, 20, false).equals(client.state().position()));

        client.submit(new PtzCommand.PanTiltMove(PtzCommand.PanTilt.DOWN_LEFT)).get(10, TimeUnit.SECONDS);
        Eventually.until("the head pans left and tilts down", () -> camera.head().position().pan() < 2450
                                                                    && camera.head().position().tilt() < 500);
        client.submit(new PtzCommand.PanTiltMove(PtzCommand.PanTilt.STOP)).get(10, TimeUnit.SECONDS);
        Eventually.until("the head stops", () -> !camera.head().isMoving());
        HeadPosition stopped = camera.head().position();
        Eventually.until("the state follows the stop", () -> new PtzPosition(stopped.pan() / 100.0,
                stopped.tilt() / 100.0, 20, false).equals(client.state().position()));

        client.submit(new PtzCommand.ZoomMove(PtzCommand.Zoom.WIDE)).get(10, TimeUnit.SECONDS);
        Eventually.until("the head zooms out", () -> camera.head().position().zoom() > 2000);

        PtzException backLight = failure(client.submit(new PtzCommand.BackLight(true)));
        assertThat(backLight.reason()).isEqualTo(PtzException.Reason.UNAVAILABLE);
        assertThat(backLight.getMessage()).contains("no back-light control");

        client.release(); // while still zooming
        Eventually.until("the head stops and control is free",
                () -> !camera.head().isMoving() && camera.head().controlHolder() == null);
        Eventually.until("the connection is closed", () -> camera.openControlConnections() == 0);
        assertThat(client.state().grant().state()).isEqualTo(State.NONE);
        assertThat(client.state().commandsSent()).isEqualTo(6);
    }

    @Test
    void waitsBehindAnotherClientThenGetsControl() throws Exception {
        startCamera(Duration.ofSeconds(20));
        camera.head().occupyControl(Duration.ofSeconds(30)); // given back below, once the queue is seen
        start(options -> { });

        CompletableFuture<CameraGrant> acquired = client.acquire();

        Eventually.until("the camera queues the relay", () -> client.state().grant().state() == State.WAITING);
        assertThat(client.state().grant().millis()).isBetween(20_000L, 30_000L);
        assertThat(failure(client.submit(Move.absolute(1.0, 0.0, 40.0))).getMessage())
                .contains("controlled by another client");
        camera.head().releaseControl();
        assertThat(acquired.get(10, TimeUnit.SECONDS).state()).isEqualTo(State.GRANTED);
        assertThat(camera.head().controlHolder()).startsWith("native control connection");
    }

    @Test
    void asksAgainWhenTheTimeLimitEndsTheGrant() throws Exception {
        startCamera(Duration.ofMillis(500));
        start(options -> { });
        client.acquire().get(10, TimeUnit.SECONDS);
        grants.clear();

        Eventually.until(() -> "control is taken away and granted again, grants " + grantStates(),
                () -> grantStates().contains(State.GRANTED));

        // the limit ends each grant again and again: the first round is what counts
        assertThat(grantStates().subList(0, 3)).containsExactly(State.REVOKED, State.REQUESTED, State.GRANTED);
        Eventually.until("the relay holds control again", () -> camera.head().controlHolder() != null
                && camera.head().controlHolder().startsWith("native control connection"));
    }

    @Test
    void reportsARefusalAndDisconnects() throws Exception {
        startCamera(Duration.ofSeconds(20));
        camera.head().setControlEnabled(false);
        start(options -> { });

        PtzException refused = failure(client.acquire());

        assertThat(refused.reason()).isEqualTo(PtzException.Reason.CAMERA_REFUSED);
        assertThat(refused.getMessage()).contains("refused control (control port status 0x0034)");
        assertThat(client.state().grant().state()).isEqualTo(State.REFUSED);
        assertThat(client.state().refusals()).isEqualTo(1);
        Eventually.until("the connection is closed", () -> camera.openControlConnections() == 0);
    }

    @Test
    void refusesAMoveOutOfTheConfiguredLimitsAndSendsNothing() throws Exception {
        startCamera(Duration.ofSeconds(20));
        start(options -> options.setControlLimits("-50,50,-45,10,3,47.5"));
        client.acquire().get(10, TimeUnit.SECONDS);

        PtzException refused = failure(client.submit(Move.relative(60.0, null, null)));

        assertThat(refused.reason()).isEqualTo(PtzException.Reason.OUT_OF_RANGE);
        assertThat(refused.getMessage()).contains("pan 60.00 is above the camera's pan_right_limit of 50.00");
        assertThat(client.state().commandsSent()).isZero();
        assertThat(camera.head().position()).isEqualTo(HeadPosition.HOME);
    }

    @Test
    void reconnectsWhileControlIsWanted() throws Exception {
        startCamera(Duration.ofSeconds(20));
        start(options -> { });
        client.acquire().get(10, TimeUnit.SECONDS);
        grants.clear();

        camera.stop();
        camera.start();

        Eventually.until(() -> "control is granted again, grants " + grantStates(),
                () -> grantStates().contains(State.GRANTED) && camera.head().controlHolder() != null);
        assertThat(grantStates()).contains(State.REFUSED);
        assertThat(camera.acceptedControlConnections()).isGreaterThanOrEqualTo(2);
        client.submit(Move.absolute(10.0, -10.0, 30.0)).get(10, TimeUnit.SECONDS);
        awaitRest(new HeadPosition(1000, -1000, 3000, false));
    }
}
