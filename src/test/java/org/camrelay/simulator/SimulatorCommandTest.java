package org.camrelay.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SimulatorCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsHelp() {
        assertThat(SimulatorCommand.run(new String[] {"--help"})).isZero();
    }

    @Test
    void helpTellsWhereThePasswordComesFrom() {
        assertThat(run(Map.of(), "--native-port", "0", "--help")).isZero();

        assertThat(out.toString(UTF_8)).contains("--native-port", "--size WxH", "CAMRELAY_SIM_PASSWORD", "--control-port",
                "--admin", "CAMRELAY_SIM_ADMIN_PASSWORD", "--allow-guests", "--restrict", "--limits",
                "--control-time-limit", "--connection-time-limit", "--session-idle-timeout", "--max-clients",
                "--boundary");
    }

    @Test
    void rejectsBadArgumentsWithOneLine() {
        String[][] cases = {{"--bogus", "1"}, {"--fps", "0"}, {"--fps", "six"}, {"--size", "4000x3000"}, {"--http-port"},
                {"--limits", "1,2"}, {"--limits", "-18000,0,0,0,300,4750"}, {"--allow-guests", "maybe"},
                {"--control-time-limit", "-1"}, {"--restrict", "GetPanorama"}, {"--max-clients", "0"},
                {"--session-idle-timeout", "0"}, {"--admin", "root"}};
        for (String[] args : cases) {
            err.reset();
            assertThat(run(Map.of(), args)).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString(UTF_8)).as(String.join(" ", args)).startsWith("camrelay simulator: " + args[0]).hasLineCount(1);
        }
    }

    @Test
    void takesThePasswordOnlyFromTheEnvironment() {
        assertThat(run(Map.of(), "--user", "root")).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains(SimulatorCommand.PASSWORD_VARIABLE);
    }

    @Test
    void appliesTheCameraOptions() throws Exception {
        PipedInputStream printed = new PipedInputStream();
        PrintStream console = new PrintStream(new PipedOutputStream(printed), true, UTF_8);
        String[] args = {"--native-port", "-1", "--http-port", "0", "--control-port", "0", "--limits",
                "-1000,1000,-500,500,600,4000", "--boundary", "boundary", "--max-clients", "3"};
        CompletableFuture<Integer> exitCode = new CompletableFuture<>();
        Thread command = new Thread(() -> exitCode.complete(SimulatorCommand.run(args, console, console, name -> null)));
        command.start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(printed, UTF_8));

        String stream = lines.readLine();
        assertThat(stream).startsWith("MJPEG stream: http://127.0.0.1:");
        int port = Integer.parseInt(stream.replaceAll(".*:(\\d+)/.*", "$1"));
        assertThat(lines.readLine()).startsWith("still image:");
        assertThat(lines.readLine()).startsWith("native control: tcp://127.0.0.1:");
        WebViewConnection.Reply info = WebViewConnection.fetch(port, "/-wvhttp-01-/GetCameraInfo?item=pan_left_limit"
                + "&item=zoom_wide_limit").assertOk();
        assertThat(info.lines()).containsExactly("pan_left_limit=-1000", "zoom_wide_limit=4000");
        command.interrupt();
        assertThat(exitCode.get(5, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void failsOnABusyPort() throws Exception {
        try (ServerSocket blocker = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(run(Map.of(), "--native-port", Integer.toString(blocker.getLocalPort()), "--http-port", "0")).isEqualTo(1);
            assertThat(err.toString(UTF_8)).contains(Integer.toString(blocker.getLocalPort())).hasLineCount(1);
        }
    }

    @Test
    void servesUntilInterrupted() throws Exception {
        PipedInputStream printed = new PipedInputStream();
        PrintStream console = new PrintStream(new PipedOutputStream(printed), true, UTF_8);
        Map<String, String> environment = Map.of(SimulatorCommand.PASSWORD_VARIABLE, "secret");
        String[] args = {"--native-port", "0", "--http-port", "0", "--fps", "10", "--size", "160x120", "--user", "root"};
        CompletableFuture<Integer> exitCode = new CompletableFuture<>();
        Thread command = new Thread(() -> exitCode.complete(SimulatorCommand.run(args, console, console, environment::get)));
        command.start();

        String nativeLine = new BufferedReader(new InputStreamReader(printed, UTF_8)).readLine();
        assertThat(nativeLine).startsWith("native video: tcp://127.0.0.1:");
        int port = Integer.parseInt(nativeLine.substring(nativeLine.lastIndexOf(':') + 1));
        NativeClient.connected(port).close();
        command.interrupt();

        assertThat(exitCode.get(5, TimeUnit.SECONDS)).isZero();
        assertThatThrownBy(() -> new NativeClient(port)).isInstanceOf(ConnectException.class);
    }

    private int run(Map<String, String> environment, String... args) {
        return SimulatorCommand.run(args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8), environment::get);
    }
}
