package org.camrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** WebView sessions, GetLiveImage, GetNotice and the information commands of a VB-C10. */
class WebViewSessionTest {

    private static final String ADMIN = "Authorization: " + WebViewHttpTest.basic("admin", "secret");

    private CameraSimulator simulator;
    private FrameRecorder recorder;

    @BeforeEach
    void start() {
        start(CameraSimulator.builder());
    }

    private void start(CameraSimulator.Builder builder) {
        if (simulator != null) {
            simulator.close();
        }
        simulator = builder.name("session-test").fps(20).nativePort(0).httpPort(0).adminCredentials("admin", "secret")
                .build();
        recorder = FrameRecorder.on(simulator);
        simulator.start();
    }

    @AfterEach
    void close() {
        simulator.close();
    }

    @Test
    void aClosedSessionSaysSoOnceThenIsUnknown() throws Exception {
        try (CameraSession session = CameraSession.open(port(), "")) {
            assertThat(session.command("CloseCameraServer").assertOk().text()).isEqualTo("OK.\n");

            session.command("GetLiveImage").assertError(501);
            assertThat(session.expectEvent(23, 5).text()).isEqualTo("client_connection_closed\n");
            session.notice(1).assertError(501);
        }
    }

    @Test
    void liveImagesCountFromOneInEachSession() throws Exception {
        try (CameraSession small = CameraSession.open(port(), "image_size=160x120");
             CameraSession other = CameraSession.open(port(), "")) {
            for (int serial = 1; serial <= 3; serial++) {
                WebViewConnection.Reply reply = small.command("GetLiveImage").assertOk();

                assertThat(reply.header("Content-Type")).isEqualTo("image/jpeg");
                assertThat(reply.header("Livescope-Frame-Number")).isEqualTo(Integer.toString(serial));
                assertThat(reply.body()).isEqualTo(recorder.next().jpeg());
                assertThat(Jpegs.decode(reply.body()).getWidth()).isEqualTo(160);
            }
            WebViewConnection.Reply first = other.command("GetLiveImage").assertOk();
            assertThat(first.header("Livescope-Frame-Number")).isEqualTo("1");
            assertThat(Jpegs.decode(first.body()).getWidth()).as("the configured size").isEqualTo(320);
        }
    }

    @Test
    void aSessionWithoutVideoRefusesVideo() throws Exception {
        try (CameraSession session = CameraSession.open(port(), "vc_host=null_host")) {
            session.command("GetLiveImage").assertError(407);
            session.command("GetCameraInfo").assertOk();
        }
    }

    @Test
    void refusesClientsBeyondTheMaximum() throws Exception {
        start(CameraSimulator.builder().maxClients(2));
        try (CameraSession first = CameraSession.open(port(), "");
             CameraSession second = CameraSession.open(port(), "")) {
            WebViewConnection.Reply refused = WebViewConnection.fetch(port(), "/-wvhttp-01-/OpenCameraServer");
            assertThat(refused.assertError(503).livescope()).isEqualTo("503 Too many clients");

            first.command("CloseCameraServer").assertOk();
            CameraSession.open(port(), "").close();
        }
    }

    @Test
    void dropsIdleSessionsButNotThoseWaitingForEvents() throws Exception {
        start(CameraSimulator.builder().sessionIdleTimeout(Duration.ofMillis(400)));
        try (CameraSession idle = CameraSession.open(port(), "");
             CameraSession waiting = CameraSession.open(port(), "")) {
            CompletableFuture<WebViewConnection.Reply> longPoll = CompletableFuture.supplyAsync(() -> {
                try {
                    return waiting.notice(1.5);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Await.until("the idle session is dropped", () -> activeClients() == 1);

            assertThat(idle.expectEvent(23, 1).text()).isEqualTo("client_connection_closed\n");
            longPoll.get(10, TimeUnit.SECONDS).assertError(404);
            waiting.command("GetVideoInfo").assertOk();
        }
    }

    @Test
    void generalSessionsEndAtTheMaximumConnectionTime() throws Exception {
        start(CameraSimulator.builder().connectionTimeLimit(Duration.ofMillis(500)));
        try (CameraSession general = CameraSession.open(port(), "");
             CameraSession privileged = CameraSession.open(port(), "", ADMIN)) {
            assertThat(privileged.command("Priority", "priority=10").assertOk().text()).isEqualTo("priority=10\n");

            general.expectEvent(23, 5);
            general.command("GetLiveImage").assertError(501);
            assertThat(activeClients()).isEqualTo(1);
            privileged.command("GetLiveImage").assertOk();
        }
    }

    @Test
    void priorityIsZeroOrFiveToFiftyForTheAdministrator() throws Exception {
        try (CameraSession guest = CameraSession.open(port(), "");
             CameraSession admin = CameraSession.open(port(), "", ADMIN)) {
            assertThat(guest.command("Priority").assertOk().text()).isEqualTo("priority=0\n");
            guest.command("Priority", "priority=10").assertError(507);
            for (String reserved : new String[] {"1", "4", "51", "-1", "high"}) {
                admin.command("Priority", "priority=" + reserved).assertError(403);
            }
            assertThat(admin.command("Priority", "p=5").assertOk().text()).isEqualTo("priority=5\n");
            assertThat(admin.command("Priority", "priority=0").assertOk().text()).isEqualTo("priority=0\n");
        }
    }

    @Test
    void getNoticeTimesOutWith404AndRefusesASecondWaitWith408() throws Exception {
        try (CameraSession session = CameraSession.open(port(), "")) {
            long start = System.nanoTime();
            CompletableFuture<WebViewConnection.Reply> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return session.notice(1);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Await.until("the first GetNotice waits", () -> {
                try {
                    WebViewConnection.Reply second = session.notice(0);
                    if ("408 Conflict".equals(second.livescope())) {
                        second.assertError(408);
                        return true;
                    }
                    return false;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            WebViewConnection.Reply timedOut = first.get(10, TimeUnit.SECONDS).assertError(404);
            assertThat(timedOut.livescope()).isEqualTo("404 Operation Timeout");
            assertThat((System.nanoTime() - start) / 1e9).isGreaterThan(0.9);
        }
    }

    @Test
    void aRequestBeforeTheAnswerClosesTheConnection() throws Exception {
        try (CameraSession session = CameraSession.open(port(), "");
             WebViewConnection connection = new WebViewConnection(port())) {
            connection.send("GET", session.target("GetNotice", "timeout=5"), true, null);
            connection.send("GET", "/-wvhttp-01-/GetProtocolVersion", true, null);

            assertThat(connection.seesEndOfStream()).isTrue();
        }
    }

    @Test
    void getNoticeFiltersByCategory() throws Exception {
        try (CameraSession session = CameraSession.open(port(), "")) {
            session.command("GetCameraControl").assertOk();
            session.command("OperateCamera", "back_light=on").assertOk();

            WebViewConnection.Reply operated = WebViewConnection.fetch(port(),
                    session.target("GetNotice", "timeout=5&notice=camera_operation")).assertOk();
            assertThat(operated.header("Livescope-Notice")).isEqualTo("41");
            assertThat(session.expectEvent(31, 5).value("time_limit")).isEqualTo("20000");
        }
    }

    @Test
    void informationCommandsDescribeAVbc10() throws Exception {
        assertThat(fetch("GetProtocolVersion").text()).isEqualTo("01.05\n");

        WebViewConnection.Reply server = fetch("GetCameraServerInfo");
        assertThat(server.value("vc_host")).isEqualTo("127.0.0.1");
        assertThat(server.value("vc_port")).isEqualTo(Integer.toString(simulator.nativePort()));
        assertThat(server.value("cc_port")).isEqualTo(Integer.toString(simulator.controlPort()));
        assertThat(server.value("number_of_available_cameras")).isEqualTo("1");
        assertThat(server.value("modelNumber")).as("a VB-C10 omits it").isNull();

        try (CameraSession session = CameraSession.open(port(), "v=160x120")) {
            WebViewConnection.Reply system = fetch("GetSystemInfo");
            assertThat(system.value("version")).startsWith("VB-C10 Ver. ");
            assertThat(system.value("connection_time_limit")).isEqualTo("0");
            assertThat(system.value("number_of_active_clients")).isEqualTo("1");
            assertThat(fetch("GetSystemInfo?item=version").lines()).hasSize(1);

            WebViewConnection.Reply video = session.command("GetVideoInfo").assertOk();
            assertThat(video.lines()).containsExactly("image_width=160", "image_height=120", "compression_type=JPEG",
                    "image_quality=80", "video_input=0", "frame_rate=20");
            assertThat(fetch("GetVideoInfo?item=image_width").lines()).containsExactly("image_width=320");
        }
    }

    private WebViewConnection.Reply fetch(String commandAndQuery) throws Exception {
        return WebViewConnection.fetch(port(), "/-wvhttp-01-/" + commandAndQuery).assertOk();
    }

    private int activeClients() {
        try {
            return Integer.parseInt(fetch("GetSystemInfo?item=current_status").value("number_of_active_clients"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int port() {
        return simulator.httpPort();
    }
}
