package org.camrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The native control port (65311): datagrams, the shared control slot, moves and their position reports. */
class NativeControlTest {

    private static final int TAKE = 0x21;
    private static final int POSITION = 0x33;

    private CameraSimulator simulator;

    @BeforeEach
    void start() {
        simulator = CameraSimulator.builder().name("control-port-test").nativePort(CameraSimulator.DISABLED).httpPort(0)
                .controlPort(0).headSpeeds(90000, 70000, 22250).build();
        simulator.start();
    }

    @AfterEach
    void close() {
        simulator.close();
    }

    @Test
    void answersAPositionQuery() throws Exception {
        try (NativeControlSocket control = connect()) {
            control.send(POSITION, 0x8000);

            assertThat(control.expect(POSITION, 0).position()).isEqualTo(new HeadPosition(0, 0, 4750, false));
        }
    }

    @Test
    void movesOnlyWithControlAndReportsWhereTheHeadStopped() throws Exception {
        try (NativeControlSocket control = connect()) {
            control.moveTo(1000, -500, 2000);
            control.expect(POSITION, NativeControlHandler.NO_CONTROL);

            control.send(TAKE, 0x0001);
            assertThat(control.expect(TAKE, 0).unsignedIntAt(0)).as("time limit").isEqualTo(20_000);
            control.moveTo(1000, -500, 2000);

            assertThat(control.expect(POSITION, 0).position()).as("the reply").isEqualTo(new HeadPosition(1000, -500, 2000, false));
            assertThat(control.expect(POSITION, 0).position()).as("at rest").isEqualTo(new HeadPosition(1000, -500, 2000, false));
            assertThat(simulator.head().position()).isEqualTo(new HeadPosition(1000, -500, 2000, false));
        }
    }

    @Test
    void refusesAMoveBeyondTheLimitsAndMovesNothing() throws Exception {
        try (NativeControlSocket control = connect()) {
            control.send(TAKE, 0x0001);
            control.expect(TAKE, 0);
            // CANON-PROTOCOLS' example: pan 170.00, tilt 10.01 (beyond the VB-C10's 10.00), zoom 41.26
            control.sendRaw(HexFormat.of().parseHex("00000000003300E0426803E9101E0000"));

            control.expect(POSITION, NativeControlHandler.OUT_OF_RANGE);
            assertThat(control.staysSilentFor(300)).isTrue();
            assertThat(simulator.head().position()).isEqualTo(HeadPosition.HOME);
        }
    }

    @Test
    void movesAndZoomsContinuouslyUntilStopped() throws Exception {
        try (NativeControlSocket control = connect()) {
            control.send(TAKE, 0x0001);
            control.expect(TAKE, 0);

            control.send(0x3C, 0, 0x01 | 0x04); // right and up
            control.expect(0x3C, 0);
            Await.until("the head moves right and up", () -> simulator.head().position().pan() > 0
                    && simulator.head().position().tilt() > 0);
            control.send(0x3C, 0);
            control.expect(0x3C, 0);
            HeadPosition stopped = control.expect(POSITION, 0).position();

            assertThat(stopped.pan()).isPositive().isEqualTo(simulator.head().position().pan());
            control.send(0x3D, 0, 0x01);
            control.expect(0x3D, 0);
            assertThat(control.expect(POSITION, 0).position().zoom()).as("at the tele end").isEqualTo(300);
        }
    }

    @Test
    void sharesTheControlSlotWithWebViewSessions() throws Exception {
        try (NativeControlSocket control = connect();
             CameraSession session = CameraSession.open(simulator.httpPort(), "")) {
            session.command("GetCameraControl").assertOk();
            session.expectEvent(31, 5);

            control.send(TAKE, 0x0001);
            control.expect(TAKE, NativeControlHandler.WAITING);
            assertThat(simulator.head().controlWaiters()).isEqualTo(1);
            session.command("ReleaseCameraControl").assertOk();
            control.expect(TAKE, 0);
            assertThat(simulator.head().controlHolder()).startsWith("native control connection #");

            control.moveTo(-700, 0, 4750);
            control.expect(POSITION, 0);
            assertThat(control.expect(POSITION, 0).position().pan()).isEqualTo(-700);
            session.expectEvent(32, 5);
            assertThat(session.expectEvent(42, 5).value("pan")).isEqualTo("-700");

            session.command("GetCameraControl").assertOk();
            session.expectEvent(33, 5);
            control.send(TAKE, 0x0000);
            control.expect(TAKE, NativeControlHandler.REVOKED);
            control.expect(TAKE, 0);
            session.expectEvent(31, 5);
        }
    }

    @Test
    void isToldWhenControlIsTakenAwayOrDisabled() throws Exception {
        try (NativeControlSocket control = connect()) {
            control.send(TAKE, 0x0001);
            control.expect(TAKE, 0);

            simulator.head().takeControl();
            control.expect(TAKE, NativeControlHandler.REVOKED);
            simulator.head().releaseControl();
            simulator.head().setControlEnabled(false);
            control.send(TAKE, 0x0001);
            control.expect(TAKE, NativeControlHandler.REFUSED);
        }
    }

    @Test
    void setsAndReadsSpeeds() throws Exception {
        try (NativeControlSocket control = connect()) {
            control.send(0x3B, 0, 0x03, 0xE8, 0, 0, 0, 0, 0x80, 0x00); // pan 1000 hundredths per second

            assertThat(control.expect(0x3B, 0).shortAt(0)).isEqualTo((short) 1000);
            control.send(0x3B, 0x8000);
            NativeControlSocket.Datagram speeds = control.expect(0x3B, 0);
            assertThat(speeds.shortAt(0)).isEqualTo((short) 1000);
            assertThat(speeds.shortAt(2) & 0xFFFF).as("70000, as much as 16 bits hold").isEqualTo(0xFFFF);
        }
    }

    @Test
    void answersUnknownCommandsAndClosesOnAnAbsurdLength() throws Exception {
        try (NativeControlSocket control = connect()) {
            byte[] login = new byte[16 + 8];
            login[1] = 2; // two extra words
            login[5] = 0x10;
            login[6] = 0x12;
            control.sendRaw(login);
            control.expect(0x10, 0);
            control.send(POSITION, 0x8000);
            control.expect(POSITION, 0);

            control.sendRaw(new byte[] {0x03, (byte) 0xE9, 0, 0}); // 1001 words
            assertThat(control.seesEndOfStream()).isTrue();
        }
        assertThat(simulator.acceptedControlConnections()).isEqualTo(1);
        Await.until("the connection is counted out", () -> simulator.openControlConnections() == 0);
        assertThat(simulator.acceptedConnections(SimulatorTransport.HTTP)).isZero();
    }

    private NativeControlSocket connect() throws Exception {
        return new NativeControlSocket(simulator.controlPort());
    }
}
