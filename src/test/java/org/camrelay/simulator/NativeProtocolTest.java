package org.camrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simple dialect of the native video port. */
class NativeProtocolTest {

    private CameraSimulator simulator;
    private FrameRecorder recorder;

    private void start(CameraSimulator.Builder builder) {
        simulator = builder.name("native-test").nativeDialect(NativeDialect.SIMPLE).nativePort(0)
                .httpPort(CameraSimulator.DISABLED).fps(30).build();
        recorder = FrameRecorder.on(simulator);
        simulator.start();
    }

    @AfterEach
    void close() {
        simulator.close();
    }

    @Test
    void answersEveryRequestWithOneRawJpeg() throws Exception {
        start(CameraSimulator.builder());
        try (NativeClient client = NativeClient.connected(simulator.nativePort(), NativeDialect.SIMPLE)) {
            long previousNumber = -1;
            for (int i = 0; i < 3; i++) {
                client.request();
                SentFrame frame = recorder.next();

                assertThat(client.read(frame.jpeg().length)).isEqualTo(frame.jpeg());
                assertThat(frame.transport()).isEqualTo(SimulatorTransport.NATIVE);
                assertThat(frame.kind()).isEqualTo(SentFrame.Kind.GOOD);
                assertThat(frame.frameNumber()).isGreaterThanOrEqualTo(previousNumber);
                assertThat(Jpegs.decode(frame.jpeg()).getWidth()).isEqualTo(320);
                previousNumber = frame.frameNumber();
            }
        }
        assertThat(simulator.framesSent()).isEqualTo(3);
    }

    @Test
    void answersCoalescedRequestsOneByOne() throws Exception {
        start(CameraSimulator.builder());
        try (NativeClient client = new NativeClient(simulator.nativePort(), NativeDialect.SIMPLE)) {
            client.send(new byte[] {0x0A, 0x0A, 0x0A, 0x0A, 0x0A, 0x0A, 0x0A}); // handshake and three requests

            assertThat(client.read(NativeClient.REPLY.length)).isEqualTo(NativeClient.REPLY);
            assertFramesArrive(client, 3);
        }
    }

    @Test
    void assemblesSequencesSplitIntoSingleBytes() throws Exception {
        byte[] handshake = {1, 2, 3};
        byte[] reply = {4, 5};
        byte[] request = {6, 7};
        start(CameraSimulator.builder().handshake(handshake).handshakeReply(reply).frameRequest(request));
        try (NativeClient client = new NativeClient(simulator.nativePort(), NativeDialect.SIMPLE)) {
            sendByteByByte(client, handshake);
            assertThat(client.read(reply.length)).isEqualTo(reply);
            sendByteByByte(client, request);
            sendByteByByte(client, request);

            assertFramesArrive(client, 2);
        }
    }

    @Test
    void closesOnAWrongHandshake() throws Exception {
        start(CameraSimulator.builder());
        try (NativeClient client = new NativeClient(simulator.nativePort(), NativeDialect.SIMPLE)) {
            client.send(new byte[] {0x0A, 0x0B, 0x0A, 0x0A});

            assertThat(client.seesEndOfStream()).isTrue();
        }
    }

    @Test
    void closesOnAWrongRequest() throws Exception {
        start(CameraSimulator.builder());
        try (NativeClient client = NativeClient.connected(simulator.nativePort(), NativeDialect.SIMPLE)) {
            client.send(new byte[] {0x0B});

            assertThat(client.seesEndOfStream()).isTrue();
        }
        assertThat(recorder.isEmpty()).isTrue();
    }

    private void assertFramesArrive(NativeClient client, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            byte[] sent = recorder.next().jpeg();
            assertThat(client.read(sent.length)).isEqualTo(sent);
        }
    }

    private static void sendByteByByte(NativeClient client, byte[] bytes) throws IOException {
        for (byte b : bytes) {
            client.send(new byte[] {b});
        }
    }
}
