package org.camrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.camrelay.bench.stream.MjpegParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SimulatorFaultsTest {

    private CameraSimulator simulator;
    private FrameRecorder recorder;

    private void start(NativeDialect dialect) {
        simulator = CameraSimulator.builder().name("faults-test").nativeDialect(dialect).nativePort(0).httpPort(0)
                .fps(30).build();
        recorder = FrameRecorder.on(simulator);
        simulator.start();
    }

    private NativeClient connect(NativeDialect dialect) throws Exception {
        start(dialect);
        return NativeClient.connected(simulator.nativePort(), dialect);
    }

    @AfterEach
    void close() {
        simulator.close();
    }

    @ParameterizedTest
    @EnumSource(NativeDialect.class)
    void dropsNativeConnectionsAfterSomeFrames(NativeDialect dialect) throws Exception {
        try (NativeClient client = connect(dialect)) {
            simulator.faults().dropConnectionAfterFrames(2);
            for (int i = 0; i < 3; i++) {
                client.request();
            }
            for (int i = 0; i < 2; i++) {
                client.readFrame(recorder.next().jpeg().length);
            }

            assertThat(client.seesEndOfStream()).isTrue();
        }
    }

    @Test
    void dropsHttpStreamsAfterSomeFrames() throws Exception {
        start(NativeDialect.VIDEOGRAM);
        simulator.faults().dropConnectionAfterFrames(2);
        try (HttpExchange http = HttpExchange.get(simulator.httpPort(), "/-wvhttp-01-/GetOneShot?frame_count=0")) {
            MultipartReader parts = new MultipartReader(http.body(), http.header("Content-Type"));
            parts.next();
            parts.next();

            assertThat(http.body().read()).isEqualTo(-1);
        }
    }

    @ParameterizedTest
    @EnumSource(NativeDialect.class)
    void stallKeepsTheConnectionButSendsNothing(NativeDialect dialect) throws Exception {
        try (NativeClient client = connect(dialect)) {
            simulator.faults().stall(true);
            client.request();

            assertThat(client.staysSilentFor(1000)).isTrue();
            assertThat(simulator.openConnections(SimulatorTransport.NATIVE)).isEqualTo(1);

            simulator.faults().stall(false);
            client.request();
            client.readFrame(recorder.next().jpeg().length);
        }
        assertThat(simulator.framesSent()).as("the stalled request was ignored").isEqualTo(1);
    }

    @Test
    void writesNoiseWithoutMarkersBetweenNativeFrames() throws Exception {
        try (NativeClient client = connect(NativeDialect.SIMPLE)) {
            simulator.faults().garbageBetweenFrames(50);
            for (int i = 0; i < 2; i++) {
                client.request();
                byte[] sent = recorder.next().jpeg();

                assertThat(client.read(50)).doesNotContain((byte) 0xFF);
                assertThat(client.read(sent.length)).isEqualTo(sent);
                assertThat(Jpegs.startsWithSoi(sent)).isTrue();
            }
        }
    }

    @Test
    void writesNoiseAsVideogramsOfAnUnknownTypeBeforeEachVideogramFrame() throws Exception {
        try (NativeClient client = connect(NativeDialect.VIDEOGRAM)) {
            simulator.faults().garbageBetweenFrames(2500);
            for (int i = 0; i < 2; i++) {
                client.request();
                byte[] sent = recorder.next().jpeg();

                for (int expected : new int[] {1000, 1000, 500}) {
                    NativeClient.Videogram noise = client.readVideogram();
                    assertThat(noise.type()).isEqualTo(VideogramCameraHandler.NOISE_TYPE);
                    assertThat(noise.header()).startsWith(VideogramCameraHandler.NOISE_TYPE, 0, 0, 0);
                    assertThat(noise.payload()).hasSize(expected).doesNotContain((byte) 0xFF);
                }
                assertThat(client.readFrame(sent.length)).isEqualTo(sent);
            }
        }
    }

    @Test
    void writesNoiseBetweenMultipartParts() throws Exception {
        start(NativeDialect.VIDEOGRAM);
        simulator.faults().garbageBetweenFrames(50);
        try (HttpExchange http = HttpExchange.get(simulator.httpPort(), "/-wvhttp-01-/GetOneShot?frame_count=2")) {
            MultipartReader parts = new MultipartReader(http.body(), http.header("Content-Type"));
            for (int i = 0; i < 2; i++) {
                MjpegParser.Frame part = parts.next();

                assertThat(part.before()).hasSize(50).doesNotContain((byte) 0xFF);
                assertThat(part.jpeg()).isEqualTo(recorder.next().jpeg());
            }
        }
    }

    @Test
    void liveImagesTakeTheFaultsToo() throws Exception {
        start(NativeDialect.VIDEOGRAM);
        try (CameraSession session = CameraSession.open(simulator.httpPort(), "")) {
            simulator.faults().truncateNextFrames(1);
            WebViewConnection.Reply truncated = session.command("GetLiveImage").assertOk();
            SentFrame sent = recorder.next();
            assertThat(sent.kind()).isEqualTo(SentFrame.Kind.TRUNCATED);
            assertThat(truncated.body()).isEqualTo(sent.jpeg());
            assertThat(Jpegs.endsWithEoi(truncated.body())).isFalse();

            simulator.faults().stall(true);
            try (WebViewConnection connection = new WebViewConnection(simulator.httpPort())) {
                connection.send("GET", session.target("GetLiveImage", ""), true, null);
                assertThat(connection.staysSilentFor(500)).as("no answer while stalled").isTrue();
            }
            simulator.faults().stall(false).dropConnectionAfterFrames(1);
            try (WebViewConnection connection = new WebViewConnection(simulator.httpPort())) {
                WebViewConnection.Reply dropped = connection.get(true, session.target("GetLiveImage", "")).assertOk();
                assertThat(dropped.header("Livescope-Frame-Number")).isEqualTo("2");
                assertThat(connection.seesEndOfStream()).as("closed although kept alive").isTrue();
            }
        }
    }

    /** In the videogram dialect the truncated picture travels in a correctly framed videogram. */
    @ParameterizedTest
    @EnumSource(NativeDialect.class)
    void truncatesTheNextFrames(NativeDialect dialect) throws Exception {
        try (NativeClient client = connect(dialect)) {
            simulator.faults().truncateNextFrames(1);
            client.request();
            SentFrame truncated = recorder.next();
            assertThat(client.readFrame(truncated.jpeg().length)).isEqualTo(truncated.jpeg());
            client.request();
            SentFrame good = recorder.next();
            assertThat(client.readFrame(good.jpeg().length)).isEqualTo(good.jpeg());

            assertThat(truncated.kind()).isEqualTo(SentFrame.Kind.TRUNCATED);
            assertThat(truncated.jpeg().length).isLessThan(good.jpeg().length * 3 / 4);
            assertThat(Jpegs.endsWithEoi(truncated.jpeg())).isFalse();
            assertThat(good.kind()).isEqualTo(SentFrame.Kind.GOOD);
            assertThat(Jpegs.endsWithEoi(good.jpeg())).isTrue();
        }
        assertThat(simulator.framesSent()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(NativeDialect.class)
    void oversizesTheNextFrames(NativeDialect dialect) throws Exception {
        try (NativeClient client = connect(dialect)) {
            simulator.faults().oversizeNextFrames(1, 300_000);
            client.request();
            SentFrame oversized = recorder.next();

            assertThat(client.readFrame(oversized.jpeg().length)).isEqualTo(oversized.jpeg());
            assertThat(oversized.kind()).isEqualTo(SentFrame.Kind.OVERSIZED);
            assertThat(oversized.jpeg().length).isGreaterThanOrEqualTo(300_000);
            assertThat(Jpegs.startsWithSoi(oversized.jpeg())).isTrue();
            assertThat(Jpegs.endsWithEoi(oversized.jpeg())).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(NativeDialect.class)
    void resetSwitchesEveryFaultOff(NativeDialect dialect) throws Exception {
        try (NativeClient client = connect(dialect)) {
            simulator.faults().stall(true).garbageBetweenFrames(10).truncateNextFrames(5)
                    .oversizeNextFrames(5, 100_000).dropConnectionAfterFrames(1).reset();
            for (int i = 0; i < 2; i++) {
                client.request();
                SentFrame frame = recorder.next();

                assertThat(frame.kind()).isEqualTo(SentFrame.Kind.GOOD);
                assertThat(client.readFrame(frame.jpeg().length)).isEqualTo(frame.jpeg());
            }
        }
    }
}
