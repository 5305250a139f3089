package org.camrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The videogram dialect of the native video port, the default, over real sockets. */
class VideogramProtocolTest {

    private CameraSimulator simulator;
    private FrameRecorder recorder;

    @BeforeEach
    void start() {
        simulator = CameraSimulator.builder().name("videogram-test").nativePort(0).httpPort(CameraSimulator.DISABLED)
                .fps(30).size(320, 240).build();
        recorder = FrameRecorder.on(simulator);
        simulator.start();
    }

    @AfterEach
    void close() {
        simulator.close();
    }

    @Test
    void answersTheStartSequenceOfTheRosDriverThenEachRequestWithOneFrameVideogram() throws Exception {
        try (NativeClient client = new NativeClient(simulator.nativePort())) {
            client.line("VERSION");
            assertThat(client.readToNul()).contains("VB-C10");
            client.send(NativeClient.LOGIN);
            client.line("SET Mode Administrator");
            client.line("GET MUXCONF");
            assertThat(client.readToNul()).startsWith("MUXCONF");
            client.line("START");
            assertThat(client.staysSilentFor(200)).as("nothing unasked after START").isTrue();

            long previousNumber = -1;
            for (int i = 0; i < 3; i++) {
                client.request();
                NativeClient.Videogram videogram = client.readVideogram();
                SentFrame frame = recorder.next();

                assertThat(videogram.type()).isEqualTo(0x02);
                assertThat(videogram.header()).startsWith(0x02, 0, 0, 0);
                assertThat(videogram.payload()).isEqualTo(frame.jpeg());
                assertThat(frame.transport()).isEqualTo(SimulatorTransport.NATIVE);
                assertThat(frame.kind()).isEqualTo(SentFrame.Kind.GOOD);
                assertThat(frame.frameNumber()).isGreaterThanOrEqualTo(previousNumber);
                assertThat(Jpegs.decode(frame.jpeg()).getWidth()).isEqualTo(320);
                previousNumber = frame.frameNumber();
            }
            assertThat(client.staysSilentFor(200)).as("exactly one frame per request").isTrue();
        }
        assertThat(simulator.framesSent()).isEqualTo(3);
    }

    @Test
    void answersRequestsSentTogetherOneByOneAndIgnoresOtherTypes() throws Exception {
        try (NativeClient client = NativeClient.connected(simulator.nativePort())) {
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            burst.writeBytes(NativeClient.videogram(0x85));
            burst.writeBytes(NativeClient.videogram(0x8c, (byte) 0x03, (byte) 0x0a, (byte) 0x0b, (byte) 0x0e));
            burst.writeBytes(NativeClient.videogram(0x85));
            burst.writeBytes(NativeClient.videogram(0x91, new byte[4]));
            burst.writeBytes(NativeClient.videogram(0x85));
            client.send(burst.toByteArray());

            for (int i = 0; i < 3; i++) {
                assertThat(client.readFrame(recorder.next().jpeg().length)).isNotEmpty();
            }
            assertThat(client.staysSilentFor(200)).isTrue();
        }
    }

    @Test
    void assemblesLinesAndVideogramsSplitIntoSingleBytes() throws Exception {
        try (NativeClient client = new NativeClient(simulator.nativePort())) {
            sendByteByByte(client, "VERSION\n".getBytes());
            assertThat(client.readToNul()).isNotEmpty();
            sendByteByByte(client, NativeClient.LOGIN);
            sendByteByByte(client, "GET MUXCONF\nSTART\n".getBytes());
            assertThat(client.readToNul()).isNotEmpty();
            sendByteByByte(client, NativeClient.videogram(0x88, (byte) 0, (byte) 160, (byte) 0, (byte) 120));
            sendByteByByte(client, NativeClient.videogram(0x85));

            SentFrame frame = recorder.next();
            assertThat(client.readFrame(frame.jpeg().length)).isEqualTo(frame.jpeg());
            assertThat(Jpegs.decode(frame.jpeg()).getWidth()).isEqualTo(160);
        }
    }

    @ParameterizedTest
    @CsvSource({"160, 120, 160", "320, 240, 320", "640, 480, 640", "768, 576, 640", "384, 288, 320", "96, 72, 160",
            "192, 144, 160", "1, 1, 160", "65535, 65535, 640"})
    void setsTheNearestVbC10Size(int width, int height, int expectedWidth) throws Exception {
        try (NativeClient client = NativeClient.connected(simulator.nativePort())) {
            client.send(NativeClient.videogram(0x88, (byte) (width >> 8), (byte) width, (byte) (height >> 8),
                    (byte) height));
            client.request();

            byte[] jpeg = client.readFrame(recorder.next().jpeg().length);
            assertThat(Jpegs.decode(jpeg).getWidth()).isEqualTo(expectedWidth);
            assertThat(Jpegs.decode(jpeg).getHeight()).isEqualTo(expectedWidth * 3 / 4);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"START", "SET Mode Administrator", "GET MUXCONF"})
    void closesOnACommandBeforeTheLogin(String command) throws Exception {
        try (NativeClient client = new NativeClient(simulator.nativePort())) {
            client.line("VERSION");
            client.readToNul();
            client.line(command);

            assertThat(client.seesEndOfStream()).isTrue();
        }
    }

    @Test
    void closesOnAnUnknownCommandAfterTheLoginAndOnUnknownGets() throws Exception {
        for (String line : new String[] {"HELLO there", "GET SECRETS"}) {
            try (NativeClient client = new NativeClient(simulator.nativePort())) {
                client.send(NativeClient.LOGIN);
                client.line(line);

                assertThat(client.seesEndOfStream()).as(line).isTrue();
            }
        }
    }

    @Test
    void ignoresEmptyLinesAndTakesAnyLoginLine() throws Exception {
        try (NativeClient client = new NativeClient(simulator.nativePort())) {
            client.send(new byte[] {0x0A, 0x0A});
            client.line("USER somebody-else");
            client.line("START");
            client.request();

            assertThat(client.readFrame(recorder.next().jpeg().length)).isNotEmpty();
        }
    }

    @Test
    void closesOnAVideogramLongerThanAnyClientSends() throws Exception {
        try (NativeClient client = NativeClient.connected(simulator.nativePort())) {
            client.send(new byte[] {(byte) 0x85, 0, 0, 0, 0, 0, 0x03, (byte) 0xE9}); // 1001 bytes

            assertThat(client.seesEndOfStream()).isTrue();
        }
        assertThat(recorder.isEmpty()).isTrue();
    }

    private static void sendByteByByte(NativeClient client, byte[] bytes) throws IOException {
        for (byte b : bytes) {
            client.send(new byte[] {b});
        }
    }
}
