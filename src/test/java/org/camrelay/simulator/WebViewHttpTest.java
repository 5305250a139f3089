package org.camrelay.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebViewHttpTest {

    private static final String ONE_SHOT = "/-wvhttp-01-/GetOneShot";

    private CameraSimulator simulator;
    private FrameRecorder recorder;

    @BeforeEach
    void start() {
        simulator = CameraSimulator.builder().name("http-test").nativePort(CameraSimulator.DISABLED).httpPort(0).fps(20).build();
        recorder = FrameRecorder.on(simulator);
        simulator.start();
    }

    @AfterEach
    void close() {
        simulator.close();
    }

    @Test
    void oneShotStreamsTheRequestedNumberOfJpegParts() throws Exception {
        try (HttpExchange http = HttpExchange.get(port(), ONE_SHOT + "?image_size=160x120&frame_count=3")) {
            assertThat(http.status()).isEqualTo(200);
            assertThat(http.header("Content-Type")).startsWith("multipart/x-mixed-replace;boundary=");
            assertThat(http.header("Connection")).isEqualTo("close");
            assertThat(http.header("Content-Length")).isNull();
            assertThat(http.header("Transfer-Encoding")).isNull();
            MultipartReader parts = new MultipartReader(http.body(), http.header("Content-Type"));
            long previousNumber = -1;
            for (int i = 0; i < 3; i++) {
                MultipartReader.Part part = parts.next();
                SentFrame sent = recorder.next();

                assertThat(part.before()).isEmpty();
                assertThat(part.contentType()).isEqualTo("image/jpeg");
                assertThat(part.body()).isEqualTo(sent.jpeg());
                assertThat(sent.transport()).isEqualTo(SimulatorTransport.HTTP);
                assertThat(sent.frameNumber()).isGreaterThan(previousNumber);
                BufferedImage image = Jpegs.decode(part.body());
                assertThat(image.getWidth()).isEqualTo(160);
                assertThat(image.getHeight()).isEqualTo(120);
                previousNumber = sent.frameNumber();
            }
            assertThat(parts.next()).as("closing delimiter").isNull();
            assertThat(http.body().read()).as("end of stream").isEqualTo(-1);
        }
    }

    @Test
    void pacesTheStreamAtTheFrameRate() throws Exception {
        long start = System.nanoTime();
        try (HttpExchange http = HttpExchange.get(port(), ONE_SHOT + "?frame_rate=20&frame_count=10")) {
            MultipartReader parts = new MultipartReader(http.body(), http.header("Content-Type"));
            for (int i = 0; i < 10; i++) {
                parts.next();
            }
            assertThat(parts.next()).isNull();
        }
        // nine periods of 50 ms between ten frames
        assertThat((System.nanoTime() - start) / 1e9).isBetween(0.35, 1.5);
    }

    @Test
    void capsTheFrameRateAtTheSimulatorsRate() throws Exception {
        long start = System.nanoTime();
        try (HttpExchange http = HttpExchange.get(port(), ONE_SHOT + "?frame_rate=1000&frame_count=5")) {
            MultipartReader parts = new MultipartReader(http.body(), http.header("Content-Type"));
            for (int i = 0; i < 5; i++) {
                parts.next();
            }
        }
        assertThat((System.nanoTime() - start) / 1e9).isGreaterThan(0.15);
    }

    @Test
    void skipsFramesWhileTheClientDoesNotRead() throws Exception {
        simulator.faults().oversizeNextFrames(100, 4 << 20); // far more than socket buffers hold
        try (HttpExchange http = HttpExchange.get(port(), ONE_SHOT)) {
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
    void acceptsFractionalFrameRates() throws Exception {
        try (HttpExchange http = HttpExchange.get(port(), ONE_SHOT + "?frame_rate=0.5&frame_count=no_limit")) {
            MultipartReader parts = new MultipartReader(http.body(), http.header("Content-Type"));

            assertThat(http.status()).isEqualTo(200);
            assertThat(parts.next().body()).isEqualTo(recorder.next().jpeg());
        }
    }

    @Test
    void rejectsBadParametersWithAReason() throws Exception {
        String[][] cases = {
                {"image_size=2000x1000", "1920x1080"},
                {"image_size=big", "320x240"},
                {"frame_count=0", "frame_count"},
                {"frame_rate=-1", "frame_rate"},
        };
        for (String[] badCase : cases) {
            try (HttpExchange http = HttpExchange.get(port(), ONE_SHOT + "?" + badCase[0])) {
                assertThat(http.status()).as(badCase[0]).isEqualTo(400);
                assertThat(new String(http.fixedLengthBody(), UTF_8)).as(badCase[0]).contains(badCase[1]);
            }
        }
    }

    @Test
    void liveImageIsOneJpeg() throws Exception {
        try (HttpExchange http = HttpExchange.get(port(), "/-wvhttp-01-/GetLiveImage")) {
            assertThat(http.status()).isEqualTo(200);
            assertThat(http.header("Content-Type")).isEqualTo("image/jpeg");
            assertThat(http.fixedLengthBody()).isEqualTo(recorder.next().jpeg());
        }
    }

    @Test
    void protocolVersionIsPlainText() throws Exception {
        try (HttpExchange http = HttpExchange.get(port(), "/-wvhttp-01-/GetProtocolVersion")) {
            assertThat(http.status()).isEqualTo(200);
            assertThat(http.header("Content-Type")).startsWith("text/plain");
            assertThat(new String(http.fixedLengthBody(), UTF_8)).isEqualTo("1.00\r\n");
        }
    }

    @Test
    void unknownPagesAndMethodsAreRefused() throws Exception {
        try (HttpExchange http = HttpExchange.get(port(), "/-wvhttp-01-/GetPanorama")) {
            assertThat(http.status()).isEqualTo(404);
        }
        try (HttpExchange http = HttpExchange.request(port(), "DELETE", ONE_SHOT)) {
            assertThat(http.status()).isEqualTo(405);
            assertThat(http.header("Allow")).isEqualTo("GET");
        }
    }

    @Test
    void requiresBasicAuthorizationWhenConfigured() throws Exception {
        simulator.close();
        simulator = CameraSimulator.builder().nativePort(CameraSimulator.DISABLED).httpPort(0).credentials("root", "secret").build();
        simulator.start();
        String path = "/-wvhttp-01-/GetProtocolVersion";

        try (HttpExchange http = HttpExchange.get(port(), path)) {
            assertThat(http.status()).isEqualTo(401);
            assertThat(http.header("WWW-Authenticate")).isEqualTo("Basic realm=\"VB-C10 simulator\"");
        }
        try (HttpExchange http = HttpExchange.get(port(), path, "Authorization: " + basic("root", "wrong"))) {
            assertThat(http.status()).isEqualTo(401);
        }
        try (HttpExchange http = HttpExchange.get(port(), path, "Authorization: " + basic("root", "secret"))) {
            assertThat(http.status()).isEqualTo(200);
        }
    }

    private int port() {
        return simulator.httpPort();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(UTF_8));
    }
}
