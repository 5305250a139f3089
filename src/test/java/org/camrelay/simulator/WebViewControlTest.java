package org.camrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Camera control over WebView: the control queue and its events, OperateCamera, OperateCameraEx,
 * OperateCameraOnScreen, GetCameraInfo and the test hooks, over real sockets. The head moves ten times as fast as a
 * VB-C10's, to keep the moves short.
 */
class WebViewControlTest {

    private static final String ADMIN = "Authorization: " + WebViewHttpTest.basic("admin", "secret");
    private static final HeadLimits LIMITS = new HeadLimits(-9000, 9000, -4500, 500, 600, 4750);

    private CameraSimulator simulator;

    @BeforeEach
    void start() {
        start(CameraSimulator.builder());
    }

    private void start(CameraSimulator.Builder builder) {
        if (simulator != null) {
            simulator.close();
        }
        simulator = builder.name("control-test").nativePort(CameraSimulator.DISABLED).httpPort(0)
                .headSpeeds(90000, 70000, 22250).controlLimits(LIMITS).adminCredentials("admin", "secret").build();
        simulator.start();
    }

    @AfterEach
    void close() {
        simulator.close();
    }

    @Test
    void getCameraControlQueuesAndEventsTellTheOutcome() throws Exception {
        start(CameraSimulator.builder().controlTimeLimit(Duration.ofSeconds(30)));
        try (CameraSession first = CameraSession.open(port(), "");
             CameraSession second = CameraSession.open(port(), "")) {
            assertThat(first.command("GetCameraControl").assertOk().text()).isEqualTo("OK.\n");
            assertThat(first.expectEvent(31, 5).lines()).containsExactly("enabled_camera_control", "time_limit=30000");
            assertThat(second.command("GetCameraControl").assertOk().text()).as("OK. even when queued")
                    .isEqualTo("OK.\n");
            WebViewConnection.Reply waiting = second.expectEvent(33, 5);
            assertThat(waiting.lines().get(0)).isEqualTo("waiting_camera_control");
            assertThat(Long.parseLong(waiting.value("wait_time"))).isBetween(25_000L, 30_000L);
            assertThat(simulator.head().controlHolder()).isEqualTo("session " + first.id());

            first.command("ReleaseCameraControl").assertOk();

            assertThat(first.expectEvent(32, 5).text()).isEqualTo("disabled_camera_control\n");
            assertThat(second.expectEvent(31, 5).value("time_limit")).isEqualTo("30000");
            first.command("ReleaseCameraControl").assertError(301);
            second.command("ReleaseCameraControl").assertOk();
            second.expectEvent(32, 5);
        }
    }

    @Test
    void theTimeLimitHandsControlToTheNextWaiter() throws Exception {
        start(CameraSimulator.builder().controlTimeLimit(Duration.ofMillis(700)));
        try (CameraSession first = CameraSession.open(port(), "");
             CameraSession second = CameraSession.open(port(), "")) {
            first.command("GetCameraControl").assertOk();
            first.expectEvent(31, 5);
            second.command("GetCameraControl").assertOk();
            second.expectEvent(33, 5);

            first.expectEvent(32, 5);
            assertThat(second.expectEvent(31, 5).value("time_limit")).isEqualTo("700");
            second.expectEvent(32, 5);
        }
    }

    @Test
    void aPrivilegedSessionTakesControlWithoutTimeLimit() throws Exception {
        try (CameraSession general = CameraSession.open(port(), "");
             CameraSession privileged = CameraSession.open(port(), "", ADMIN)) {
            general.command("GetCameraControl").assertOk();
            general.expectEvent(31, 5);
            privileged.command("Priority", "priority=5").assertOk();

            privileged.command("GetCameraControl").assertOk();

            general.expectEvent(32, 5);
            assertThat(privileged.expectEvent(31, 5).value("time_limit")).isEqualTo("0");
            general.command("GetCameraControl").assertOk();
            assertThat(general.expectEvent(33, 5).value("wait_time")).isEqualTo("0");
        }
    }

    @Test
    void anotherClientOccupyingControlMakesSessionsWait() throws Exception {
        try (CameraSession session = CameraSession.open(port(), "")) {
            simulator.head().occupyControl(Duration.ofMillis(800));
            session.command("GetCameraControl").assertOk();

            assertThat(Long.parseLong(session.expectEvent(33, 5).value("wait_time"))).isBetween(1L, 800L);
            assertThat(session.expectEvent(31, 5).value("time_limit")).isEqualTo("20000");
        }
    }

    @Test
    void anotherPrivilegedClientTakesControlUntilItGivesItBack() throws Exception {
        try (CameraSession session = CameraSession.open(port(), "")) {
            session.command("GetCameraControl").assertOk();
            session.expectEvent(31, 5);

            simulator.head().takeControl();
            session.expectEvent(32, 5);
            session.command("OperateCamera", "pan=100").assertError(301);
            session.command("GetCameraControl").assertOk();
            session.expectEvent(33, 5);
            assertThat(simulator.head().controlWaiters()).isEqualTo(1);

            assertThat(simulator.head().releaseControl()).isTrue();
            session.expectEvent(31, 5);
        }
    }

    @Test
    void disabledControlRefusesRequests() throws Exception {
        try (CameraSession session = CameraSession.open(port(), "")) {
            simulator.head().setControlEnabled(false);
            session.command("GetCameraControl").assertOk();

            assertThat(session.expectEvent(34, 5).text()).isEqualTo("failed_to_get_camera_control\n");
        }
    }

    @Test
    void operateCameraMovesTheHeadAndTellsEverySession() throws Exception {
        try (CameraSession mover = control(CameraSession.open(port(), ""));
             CameraSession watcher = CameraSession.open(port(), "")) {
            mover.command("OperateCamera", "pan=1000&tilt=-500&zoom=2000&back_light=ON").assertOk();

            WebViewConnection.Reply operated = mover.expectEvent(41, 5);
            assertThat(operated.lines()).containsExactly("camera_operated", "pan=1000", "tilt=-500", "zoom=2000",
                    "back_light=ON");
            assertThat(watcher.expectEvent(42, 5).lines()).containsExactly("camera_operated_by_another_client",
                    "pan=1000", "tilt=-500", "zoom=2000", "back_light=ON");
            assertThat(simulator.head().position()).isEqualTo(new HeadPosition(1000, -500, 2000, true));

            mover.command("OperateCamera", "p=d-20&t=5&b=off").assertOk();
            assertThat(mover.expectEvent(41, 5).lines()).contains("pan=-1000", "tilt=500", "back_light=OFF");
            mover.command("OperateCamera", "z=1@10000").assertOk();
            assertThat(mover.expectEvent(41, 5).value("zoom")).isEqualTo("4750");
        }
    }

    @Test
    void operateCameraRefusesValuesOutsideTheLimitsAndMovesNothing() throws Exception {
        try (CameraSession session = CameraSession.open(port(), "")) {
            session.command("OperateCamera", "pan=100").assertError(301);
            control(session);
            for (String outside : new String[] {"pan=100&tilt=600", "pan=9001", "p=91", "pan=d-9100", "zoom=599",
                    "z=100", "pan=left", "back_light=maybe"}) {
                session.command("OperateCamera", outside).assertError(403);
            }

            session.expectNoEvent(0.5);
            assertThat(simulator.head().position()).isEqualTo(HeadPosition.HOME);
            session.command("OperateCamera", "camera_id=2&pan=0").assertError(302);
        }
    }

    @Test
    void operateCameraExMovesUntilStoppedOrAtTheLimit() throws Exception {
        try (CameraSession session = control(CameraSession.open(port(), ""))) {
            WebViewConnection.Reply right = session.command("OperateCameraEx", "pan_tilt=right").assertOk();
            assertThat(right.lines()).containsExactly("camera_id=1", "p=right");
            Await.until("the head moves", () -> simulator.head().position().pan() > 0);
            session.command("OperateCameraEx", "pan_tilt=stop").assertOk();

            WebViewConnection.Reply stopped = session.expectEvent(42, 5);
            int pan = Integer.parseInt(stopped.value("pan"));
            assertThat(pan).isPositive().isEqualTo(simulator.head().position().pan());

            session.command("OperateCameraEx", "zoom=tele").assertOk();
            assertThat(session.expectEvent(42, 5).value("zoom")).as("at the tele limit").isEqualTo("600");
            session.command("OperateCameraEx", "").assertError(406);
            session.command("OperateCameraEx", "pan_tilt=sideways").assertError(403);
        }
    }

    @Test
    void operateCameraOnScreenPointsAtASpotOfThePicture() throws Exception {
        try (CameraSession session = control(CameraSession.open(port(), ""))) {
            session.command("OperateCameraOnScreen", "pan=100&tilt=-50").assertOk();

            WebViewConnection.Reply moved = session.expectEvent(42, 5);
            assertThat(moved.value("pan")).as("half the view of 47.5 degrees to the right").isEqualTo("2375");
            assertThat(moved.value("tilt")).isEqualTo("-891");
            session.command("OperateCameraOnScreen", "").assertError(406);
        }
    }

    @Test
    void getCameraInfoDescribesTheHead() throws Exception {
        simulator.head().moveTo(-1234, 321, 1500);
        Await.until("the head is still", () -> !simulator.head().isMoving());

        WebViewConnection.Reply info = WebViewConnection.fetch(port(), "/-wvhttp-01-/GetCameraInfo").assertOk();

        assertThat(info.lines()).containsExactly("camera_type=Canon VB-C10", "camera_id=1", "camera_status=enabled",
                "pan_current_value=-1234", "tilt_current_value=321", "zoom_current_value=1500", "back_light=OFF",
                "pan_left_end=-17000", "pan_right_end=17000", "tilt_up_end=1000", "tilt_down_end=-9000",
                "zoom_tele_end=300", "zoom_wide_end=4750", "pan_left_limit=-9000", "pan_right_limit=9000",
                "tilt_up_limit=500", "tilt_down_limit=-4500", "zoom_tele_limit=600", "zoom_wide_limit=4750",
                "view_left_boundary=-11375", "view_right_boundary=11375", "view_up_boundary=2281",
                "view_down_boundary=-6281", "view_tele_boundary=600", "view_wide_boundary=4750", "focus_mode=auto");
        assertThat(WebViewConnection.fetch(port(), "/-wvhttp-01-/GetCameraInfo?item=pan_current_value&item=zoom_tele_limit")
                .lines()).containsExactly("pan_current_value=-1234", "zoom_tele_limit=600");
    }

    @Test
    void movesByOtherClientsAreEvent42() throws Exception {
        try (CameraSession session = CameraSession.open(port(), "")) {
            simulator.head().moveTo(500, 0, 4750);

            assertThat(session.expectEvent(42, 5).value("pan")).isEqualTo("500");
        }
    }

    @Test
    void thePictureFollowsTheCamera() throws Exception {
        float landmarkAt90 = hue(Scene.landmarkColour((90 - Scene.FIRST_LANDMARK) / Scene.LANDMARK_SPACING));
        BufferedImage home = picture();
        assertThat(Jpegs.hueDistance(Jpegs.middleHue(home), landmarkAt90)).isGreaterThan(0.1);
        try (CameraSession session = control(CameraSession.open(port(), ""))) {
            session.command("OperateCamera", "pan=9000&tilt=-1000&zoom=600").assertOk();
            session.expectEvent(41, 5);

            // the picture of the tick in which the head stopped may show it still moving
            Await.until("the picture shows the landmark at 90 degrees",
                    () -> Jpegs.hueDistance(Jpegs.middleHue(picture()), landmarkAt90) < 0.04);
            assertThat(Jpegs.difference(home, picture())).isGreaterThan(20);
        }
    }

    private BufferedImage picture() {
        try {
            return Jpegs.decode(WebViewConnection.fetch(port(), "/-wvhttp-01-/GetOneShot?v=160x120").assertOk().body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static float hue(java.awt.Color colour) {
        return java.awt.Color.RGBtoHSB(colour.getRed(), colour.getGreen(), colour.getBlue(), null)[0];
    }

    private static CameraSession control(CameraSession session) throws Exception {
        session.command("GetCameraControl").assertOk();
        session.expectEvent(31, 5);
        return session;
    }

    private int port() {
        return simulator.httpPort();
    }
}
