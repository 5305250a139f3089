package org.camrelay.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camrelay.app.CamRelay;

/**
 * The relay as a child process with cameras added while it runs: the project's configuration with a free
 * loopback port, no embedded simulator, Hawtio off, and a scratch routes folder that starts with only the
 * camera template and is scanned every half second, so that a routes file written into it starts its cameras
 * (see {@link RelayProcess} for the relay with the demo camera).
 */
final class MultiCameraRelay implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final String TEMPLATE = "camera-template.xml";

    private final ChildProcess process;
    private final Path routes;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MultiCameraRelay(ChildProcess process, Path routes, int port) {
        this.process = process;
        this.routes = routes;
        this.port = port;
    }

    /**
     * Starts the relay with its files in {@code scratch} and returns once its API answers.
     *
     * @param javaOptions extra options for the relay's JVM (a heap size, a flight recording)
     */
    static MultiCameraRelay start(List<String> javaOptions, ScratchFolder scratch)
            throws IOException, InterruptedException {
        String base = RelayProcess.projectConfig();
        Path template = Path.of(RelayProcess.values(base).getProperty("camrelay.routes.folder", "routes"))
                .resolve(TEMPLATE);
        if (!Files.isRegularFile(template)) {
            throw new IOException("no " + template.toAbsolutePath() + ": run from the project folder");
        }
        Path routes = Files.createDirectories(scratch.resolve("routes"));
        Files.copy(template, routes.resolve(TEMPLATE));

        int port = ChildProcess.freePort();
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("camrelay.http.host", "127.0.0.1");
        overrides.put("camrelay.http.port", Integer.toString(port));
        overrides.put("camrelay.simulator.enabled", "false");
        overrides.put("camrelay.routes.folder", routes.toString());
        overrides.put("camrelay.routes.scan-interval", "500");
        overrides.put("camrelay.hawtio.enabled", "false");
        Path config = RelayProcess.writeConfig(scratch, base, overrides);
        ChildProcess process = ChildProcess.start("the relay", RelayProcess.java(javaOptions),
                Path.of("").toAbsolutePath(), Map.of(CamRelay.CONFIG_ENV, config.toString()), scratch.resolve("relay.log"));
        MultiCameraRelay relay = new MultiCameraRelay(process, routes, port);
        try {
            relay.awaitApi();
        } catch (IOException | InterruptedException | RuntimeException e) {
            relay.close();
            throw e;
        }
        return relay;
    }

    private void awaitApi() throws IOException, InterruptedException {
        process.awaitReady("the relay's API answering", START_TIMEOUT, () -> http.send(HttpRequest.newBuilder(
                uri("/api/cameras")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    /** Adds a routes file, written aside and moved in, so that the relay never reads half of it. */
    void addRoutes(String fileName, String xml) throws IOException {
        Path partial = routes.resolveSibling(fileName + ".partial");
        Files.writeString(partial, xml, StandardCharsets.UTF_8);
        Files.move(partial, routes.resolve(fileName));
    }

    /** The body of a GET of {@code path}, which must answer 200. */
    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + response.statusCode());
        }
        return response.body();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    long pid() {
        return process.pid();
    }

    void checkAlive() throws IOException {
        process.checkAlive();
    }

    String logTail(int lines) {
        return process.logTail(lines);
    }

    @Override
    public void close() {
        process.close();
    }
}
