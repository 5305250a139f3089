package org.camrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CameraSimulatorLifecycleTest {

    private final CameraSimulator simulator =
            CameraSimulator.builder().name("lifecycle-test").nativePort(0).httpPort(0).build();

    @AfterEach
    void close() {
        simulator.close();
    }

    @Test
    void restartsOnTheSamePortsAfterClosingEveryConnection() throws Exception {
        simulator.start();
        int nativePort = simulator.nativePort();
        int httpPort = simulator.httpPort();
        try (NativeClient client = NativeClient.connected(nativePort);
             HttpExchange http = HttpExchange.get(httpPort, "/-wvhttp-01-/GetOneShot?frame_count=0")) {
            simulator.stop();

            assertThat(client.seesEndOfStream()).isTrue();
            http.body().readAllBytes(); // returns at the end of the stream, or fails on the socket timeout
            assertThat(simulator.openConnections(SimulatorTransport.NATIVE)).isZero();
            assertThat(simulator.openConnections(SimulatorTransport.HTTP)).isZero();
        }
        assertThatThrownBy(() -> new NativeClient(nativePort)).isInstanceOf(ConnectException.class);

        simulator.start();

        assertThat(simulator.nativePort()).isEqualTo(nativePort);
        assertThat(simulator.httpPort()).isEqualTo(httpPort);
        NativeClient.connected(nativePort).close();
        assertThat(simulator.acceptedConnections(SimulatorTransport.NATIVE)).isEqualTo(2);
        assertThat(simulator.acceptedConnections(SimulatorTransport.HTTP)).isEqualTo(1);
    }

    @Test
    void countsOpenConnectionsPerTransport() throws Exception {
        simulator.start();
        NativeClient first = NativeClient.connected(simulator.nativePort());
        NativeClient second = NativeClient.connected(simulator.nativePort());
        assertThat(simulator.openConnections(SimulatorTransport.NATIVE)).isEqualTo(2);
        assertThat(simulator.openConnections(SimulatorTransport.HTTP)).isZero();

        first.close();
        second.close();
        Await.until("the simulator notices the clients left",
                () -> simulator.openConnections(SimulatorTransport.NATIVE) == 0);
        assertThat(simulator.acceptedConnections(SimulatorTransport.NATIVE)).isEqualTo(2);
    }

    @Test
    void reportsABusyPortAndReleasesWhatItBound() throws Exception {
        try (ServerSocket blocker = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CameraSimulator clashing = CameraSimulator.builder().nativePort(0).httpPort(blocker.getLocalPort()).build();
            try (clashing) {
                assertThatThrownBy(clashing::start)
                        .isInstanceOf(UncheckedIOException.class)
                        .hasMessageContaining("HTTP")
                        .hasMessageContaining(Integer.toString(blocker.getLocalPort()));
                int nativePort = clashing.nativePort();
                assertThatThrownBy(() -> new NativeClient(nativePort)).isInstanceOf(ConnectException.class);
            }
        }
    }

    @Test
    void leavesDisabledTransportsOff() {
        try (CameraSimulator httpOnly = CameraSimulator.builder().nativePort(CameraSimulator.DISABLED).httpPort(0).build()) {
            httpOnly.start();

            assertThat(httpOnly.nativePort()).isEqualTo(CameraSimulator.DISABLED);
            assertThat(httpOnly.httpPort()).isPositive();
        }
    }

    @Test
    void refusesToStartTwiceOrAfterClose() {
        simulator.start();
        assertThatThrownBy(simulator::start).isInstanceOf(IllegalStateException.class);

        simulator.close();
        assertThatThrownBy(simulator::start).isInstanceOf(IllegalStateException.class);
    }
}
