package org.camrelay.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Base64;

import org.camrelay.bench.stream.MjpegParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WebView interface's video and its HTTP as Canon's specification describes them for a VB-C10. */
class WebViewHttpTest {

    private static final String ONE_SHOT = "/-wvhttp-01-/GetOneShot";

    private CameraSimulator simulator;
    private FrameRecorder recorder;

    @BeforeEach
    void start() {
        start(CameraSimulator.builder().fps(20));
    }

    private void start(CameraSimulator.Builder builder) {
        if (simulator != null) {
            simulator.close();
        }
        simulator = builder.name("http-test").nativePort(CameraSimulator.DISABLED).controlPort(CameraSimulator.DISABLED)
                .httpPort(0).build();
        recorder = FrameRecorder.on(simulator);
        simulator.start();
    }

    @AfterEach
    void close() {
        simulator.close();
    }

    @Test
    void oneShotStreamsTheRequestedNumberOfJpegPartsInHttp10() throws Exception {
        try (HttpExchange http = HttpExchange.get(port(), ONE_SHOT + "?image_size=160x120&frame_count=3")) {
            assertThat(http.status()).isEqualTo(200);
            assertThat(http.header("Livescope-Status")).isEqualTo("0");
            assertThat(http.header("Content-Type")).isEqualTo("multipart/x-mixed-replace;boundary=LivescopeImage");
            assertThat(http.header("Content-Length")).isNull();
            assertThat(http.header("Transfer-Encoding")).isNull();
            MultipartReader parts = new MultipartReader(http.body(), http.header("Content-Type"));
            long previousNumber = -1;
            for (int i = 0; i < 3; i++) {
                MjpegParser.Frame part = parts.next();
                SentFrame sent = recorder.next();

                assertThat(part.before()).isEmpty();
                assertThat(part.contentType()).isEqualTo("image/jpeg");
                assertThat(part.jpeg()).isEqualTo(sent.jpeg());
                assertThat(sent.transport()).isEqualTo(SimulatorTransport.HTTP);
                assertThat(sent.frameNumber()).isGreaterThan(previousNumber);
                BufferedImage image = Jpegs.decode(part.jpeg());
                assertThat(image.getWidth()).isEqualTo(160);
                assertThat(image.getHeight()).isEqualTo(120);
                previousNumber = sent.frameNumber();
            }
            assertThat(parts.next()).as("closing delimiter").isNull();
            assertThat(http.body().read()).as("end of stream").isEqualTo(-1);
        }
    }

    @Test
    void oneShotWithoutFrameCountIsOnePlainJpeg() throws Exception {
        WebViewConnection.Reply reply = WebViewConnection.fetch(port(), ONE_SHOT).assertOk();

        assertThat(reply.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(reply.header("Connection")).isEqualTo("close");
        assertThat(reply.body()).isEqualTo(recorder.next().jpeg());
        assertThat(Jpegs.decode(reply.body()).getWidth()).as("the configured size").isEqualTo(320);
    }

    @Test
    void endlessStreamsForZeroOrNoLimit() throws Exception {
        for (String count : new String[] {"0", "no_limit", "NO_LIMIT"}) {
            try (HttpExchange http = HttpExchange.get(port(), ONE_SHOT + "?frame_count=" + count)) {
                MultipartReader parts = new MultipartReader(http.body(), http.header("Content-Type"));
                for (int i = 0; i < 3; i++) {
                    assertThat(parts.next()).as("part %d of frame_count=%s", i, count).isNotNull();
                }
            }
        }
    }

    @Test
    void frameRateCountsFramesPerThousandSeconds() throws Exception {
        // 5 fps: four periods of 200 ms; read as frames per second, it would be the simulator's 20 fps
        double seconds = secondsForParts("?frame_rate=5000&frame_count=5", 5);

        assertThat(seconds).isBetween(0.6, 3.0);
    }

    @Test
    void frameRateDefaultsToTheConfiguredRate() throws Exception {
        double seconds = secondsForParts("?frame_count=9", 9);

        assertThat(seconds).as("eight periods of 50 ms").isBetween(0.3, 2.0);
    }

    @Test
    void neverStreamsFasterThan30Fps() throws Exception {
        start(CameraSimulator.builder().fps(60));

        double seconds = secondsForParts("?frame_rate=60000&frame_count=7", 7);

        assertThat(seconds).as("six periods of 33 ms, not of 17 ms").isGreaterThan(0.15);
    }

    @Test
    void imageSizePicksTheSmallestVbc10SizeNotSmallerThanAsked() throws Exception {
        String[][] cases = {{"image_size=100x80", "160x120"}, {"image_size=320x240", "320x240"},
                {"image_size=321x200", "640x480"}, {"image_size=2000x1000", "640x480"}, {"v=160", "160x120"},
                {"image_size=400", "640x480"}, {"V=161X120", "320x240"}};
        for (String[] sizeCase : cases) {
            WebViewConnection.Reply reply = WebViewConnection.fetch(port(), ONE_SHOT + "?" + sizeCase[0]).assertOk();
            BufferedImage image = Jpegs.decode(reply.body());

            assertThat(image.getWidth() + "x" + image.getHeight()).as(sizeCase[0]).isEqualTo(sizeCase[1]);
        }
    }

    @Test
    void badValuesAreInvalidParameterValues() throws Exception {
        for (String bad : new String[] {"image_size=big", "image_size=0x0", "frame_count=-1", "frame_rate=0",
                "frame_rate=fast"}) {
            WebViewConnection.Reply reply = WebViewConnection.fetch(port(), ONE_SHOT + "?" + bad).assertError(403);

            assertThat(reply.livescope()).isEqualTo("403 Invalid Parameter Value");
            assertThat(reply.lines()).as(bad).containsExactly("--- WebView Livescope Http Server Error ---",
                    "Invalid Parameter Value", bad);
        }
    }

    @Test
    void errorsAreLivescopeStatusesInA200() throws Exception {
        WebViewConnection.Reply unknown = WebViewConnection.fetch(port(), "/-wvhttp-01-/GetPanorama").assertError(401);
        assertThat(unknown.livescope()).isEqualTo("401 Unknown Operator");

        WebViewConnection.Reply missing = WebViewConnection.fetch(port(), "/-wvhttp-01-/GetLiveImage").assertError(406);
        assertThat(missing.livescope()).isEqualTo("406 Parameter Missing");
        assertThat(missing.text()).isEqualTo(
                "--- WebView Livescope Http Server Error ---\nParameter Missing\n1 parameter(s)\n");

        WebViewConnection.fetch(port(), "/-wvhttp-01-/GetLiveImage?connection_id=0000-00000000").assertError(501);
    }

    @Test
    void onlyPathsOutsideWebViewAreHttpErrors() throws Exception {
        assertThat(WebViewConnection.fetch(port(), "/index.html").status()).isEqualTo(404);
        assertThat(WebViewConnection.fetch(port(), "/-wvhttp-01-/").status()).isEqualTo(404);
        try (WebViewConnection connection = new WebViewConnection(port())) {
            connection.send("DELETE", ONE_SHOT, false, null);
            WebViewConnection.Reply reply = connection.read();

            assertThat(reply.status()).isEqualTo(405);
            assertThat(reply.header("Allow")).isEqualTo("GET, POST");
        }
    }

    @Test
    void namesAreNotCaseSensitiveUnknownParametersAreIgnoredAndTheLastWins() throws Exception {
        WebViewConnection.Reply reply = WebViewConnection.fetch(port(),
                "/-wvhttp-01-/getONEshot?IMAGE_SIZE=640x480&bogus=1&Image_Size=160x120").assertOk();

        assertThat(Jpegs.decode(reply.body()).getWidth()).isEqualTo(160);
    }

    @Test
    void postTakesParametersFromTheBodyAfterTheQuery() throws Exception {
        try (WebViewConnection connection = new WebViewConnection(port())) {
            connection.send("POST", ONE_SHOT + "?image_size=640x480", false, "frame_count=1\r\nimage_size=160x120\r\n");
            WebViewConnection.Reply reply = connection.read().assertOk();

            assertThat(Jpegs.decode(reply.body()).getWidth()).isEqualTo(160);
        }
    }

    @Test
    void keepsTheConnectionOnlyWhenAsked() throws Exception {
        try (WebViewConnection connection = new WebViewConnection(port())) {
            for (int i = 0; i < 2; i++) {
                WebViewConnection.Reply reply = connection.get(true, "/-wvhttp-01-/GetProtocolVersion").assertOk();

                assertThat(reply.header("Connection")).isEqualTo("keep-alive");
                assertThat(reply.text()).isEqualTo("01.05\n");
            }
            WebViewConnection.Reply single = connection.get(true, ONE_SHOT).assertOk();
            assertThat(Jpegs.decode(single.body()).getWidth()).isEqualTo(320);
            connection.get(false, "/-wvhttp-01-/GetProtocolVersion").assertOk();
            assertThat(connection.seesEndOfStream()).isTrue();
        }
    }

    @Test
    void skipsFramesWhileTheClientDoesNotRead() throws Exception {
        simulator.faults().oversizeNextFrames(100, 4 << 20); // far more than socket buffers hold
        try (HttpExchange http = HttpExchange.get(port(), ONE_SHOT + "?frame_count=0")) {
            Thread.sleep(500); // a client that stops reading: ten frame periods
            MultipartReader parts = new MultipartReader(http.body(), http.header("Content-Type"));
            long largestGap = 0;
            long previousNumber = -1;
            for (int i = 0; i < 4; i++) {
                parts.next(); // a frame is reported once written, which may take this read
                long number = recorder.next().frameNumber();
                largestGap = Math.max(largestGap, number - previousNumber);
                previousNumber = number;
            }

            assertThat(largestGap).as("frames skipped rather than queued").isGreaterThan(3);
        }
    }

    @Test
    void theBoundaryIsSelectable() throws Exception {
        start(CameraSimulator.builder().fps(20).multipartBoundary("boundary"));
        try (HttpExchange http = HttpExchange.get(port(), ONE_SHOT + "?frame_count=2")) {
            assertThat(http.header("Content-Type")).isEqualTo("multipart/x-mixed-replace;boundary=boundary");
            MultipartReader parts = new MultipartReader(http.body(), http.header("Content-Type"));

            assertThat(parts.next().jpeg()).isEqualTo(recorder.next().jpeg());
        }
    }

    @Test
    void theMaximumConnectionTimeEndsAGeneralStreamCleanly() throws Exception {
        start(CameraSimulator.builder().fps(20).connectionTimeLimit(Duration.ofMillis(600))
                .adminCredentials("admin", "secret"));
        long start = System.nanoTime();
        try (HttpExchange http = HttpExchange.get(port(), ONE_SHOT + "?frame_count=no_limit")) {
            MultipartReader parts = new MultipartReader(http.body(), http.header("Content-Type"));
            int count = 0;
            while (parts.next() != null) {
                count++;
            }
            assertThat(http.body().read()).as("closed after the closing delimiter").isEqualTo(-1);
            assertThat(count).isGreaterThan(2);
        }
        assertThat((System.nanoTime() - start) / 1e9).isBetween(0.5, 5.0);

        // the administrator has no time limit
        try (HttpExchange http = HttpExchange.get(port(), ONE_SHOT + "?frame_count=no_limit",
                "Authorization: " + basic("admin", "secret"))) {
            MultipartReader parts = new MultipartReader(http.body(), http.header("Content-Type"));
            long until = System.nanoTime() + 1_000_000_000L;
            while (System.nanoTime() < until) {
                assertThat(parts.next()).as("a part after the guests' limit").isNotNull();
            }
        }
    }

    @Test
    void restrictedCommandsNeedAuthentication() throws Exception {
        start(CameraSimulator.builder().fps(20).adminCredentials("admin", "secret").restrictForGuests("GetOneShot"));

        WebViewConnection.Reply guest = WebViewConnection.fetch(port(), ONE_SHOT).assertError(507);
        assertThat(guest.livescope()).isEqualTo("507 Insufficient Privilege");
        WebViewConnection.fetch(port(), "/-wvhttp-01-/GetProtocolVersion").assertOk();
        WebViewConnection.Reply admin = WebViewConnection.fetch(port(), ONE_SHOT, "Authorization: " + basic("admin", "secret"));
        assertThat(admin.assertOk().header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(WebViewConnection.fetch(port(), ONE_SHOT, "Authorization: " + basic("admin", "wrong")).status())
                .isEqualTo(401);

        start(CameraSimulator.builder().credentials("viewer", "pw").allowGuests(true).restrictForGuests("getoneshot"));
        WebViewConnection.fetch(port(), ONE_SHOT).assertError(507);
        WebViewConnection.fetch(port(), ONE_SHOT, "Authorization: " + basic("viewer", "pw")).assertOk();
    }

    @Test
    void requiresBasicAuthorizationWhenConfigured() throws Exception {
        start(CameraSimulator.builder().credentials("root", "secret"));
        String path = "/-wvhttp-01-/GetProtocolVersion";

        WebViewConnection.Reply none = WebViewConnection.fetch(port(), path);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Basic realm=\"VB-C10 simulator\"");
        assertThat(WebViewConnection.fetch(port(), path, "Authorization: " + basic("root", "wrong")).status())
                .isEqualTo(401);
        WebViewConnection.fetch(port(), path, "Authorization: " + basic("root", "secret")).assertOk();
    }

    /** The time from the first part to the last of a stream with {@code count} parts. */
    private double secondsForParts(String query, int count) throws Exception {
        try (HttpExchange http = HttpExchange.get(port(), ONE_SHOT + query)) {
            MultipartReader parts = new MultipartReader(http.body(), http.header("Content-Type"));
            assertThat(parts.next()).isNotNull();
            long start = System.nanoTime();
            for (int i = 1; i < count; i++) {
                assertThat(parts.next()).isNotNull();
            }
            assertThat(parts.next()).isNull();
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private int port() {
        return simulator.httpPort();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(UTF_8));
    }
}
