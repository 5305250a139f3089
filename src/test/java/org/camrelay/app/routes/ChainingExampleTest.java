package org.camrelay.app.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.apache.camel.RoutesBuilder;
import org.camrelay.simulator.CameraSimulator;
import org.camrelay.testing.RelayTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped chaining example, copied into a routes folder as the README says, against real endpoints. */
class ChainingExampleTest extends RelayTestSupport {

    private static CameraSimulator simulator;
    private static ServerSocket receiver;
    private static final AtomicLong FORWARDED = new AtomicLong();
    private static final AtomicLong CONNECTIONS = new AtomicLong();

    @TempDir
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        simulator = CameraSimulator.builder().bindHost("127.0.0.1").nativePort(0).httpPort(CameraSimulator.DISABLED)
                .fps(10).size(320, 240).name("lobby").build();
        simulator.start();
        receiver = new ServerSocket(0);
        Thread accept = new Thread(() -> {
            try {
                while (true) {
                    Socket socket = receiver.accept();
                    CONNECTIONS.incrementAndGet();
                    Thread reader = new Thread(() -> drain(socket), "forward-reader");
                    reader.setDaemon(true);
                    reader.start();
                }
            } catch (Exception ignored) {
                // the test is over
            }
        }, "forward-receiver");
        accept.setDaemon(true);
        accept.start();
        Files.createDirectories(work.resolve("routes"));
        Files.copy(Path.of("routes/examples/camera-with-snapshots-and-forwarding.xml"),
                work.resolve("routes/example.xml"));
    }

    private static void drain(Socket socket) {
        try (socket; InputStream in = socket.getInputStream()) {
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                FORWARDED.addAndGet(n);
            }
        } catch (Exception ignored) {
            // the test is over
        }
    }

    @AfterAll
    static void stop() throws Exception {
        simulator.close();
        receiver.close();
    }

    @Override
    protected Properties relayProperties() {
        Properties properties = super.relayProperties();
        properties.setProperty("camrelay.routes.folder", work.resolve("routes").toString());
        properties.setProperty("camrelay.simulator.host", "127.0.0.1");
        properties.setProperty("camrelay.simulator.native-port", Integer.toString(simulator.nativePort()));
        properties.setProperty("camrelay.examples.snapshots", work.resolve("snapshots").toString());
        properties.setProperty("camrelay.examples.forward", "127.0.0.1:" + receiver.getLocalPort());
        return properties;
    }

    @Override
    protected List<RoutesBuilder> testRoutes() {
        return List.of();
    }

    @Test
    void savesSnapshotsToAFolderAndForwardsEveryFrameWhileViewersAreServed() throws Exception {
        Path snapshots = work.resolve("snapshots/lobby");
        long deadline = System.currentTimeMillis() + 10_000;
        while ((!Files.isDirectory(snapshots) || FORWARDED.get() < 50_000) && System.currentTimeMillis() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        try (Stream<Path> files = Files.list(snapshots)) {
            List<Path> saved = files.toList();
            // At 0.1 fps; the limiter may let a second frame follow the very first within a tenth of a period.
            assertThat(saved).as("snapshots in the first seconds at 0.1 fps").hasSizeBetween(1, 2);
            assertThat(ImageIO.read(saved.get(0).toFile()).getWidth()).as("the size the relay asks for").isEqualTo(320);
        }
        assertThat(FORWARDED.get()).as("bytes forwarded over TCP, connections " + CONNECTIONS).isGreaterThan(50_000);
        assertThat(CONNECTIONS.get()).as("connections opened to forward frames").isEqualTo(1);
        assertThat(streams().ofCamera("lobby")).hasSize(1);
    }
}
