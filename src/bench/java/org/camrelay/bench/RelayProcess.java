package org.camrelay.bench;

import java.io.IOException;
import java.io.StringReader;
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
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camrelay.app.CamRelay;

/**
 * The relay as a child process of a benchmark, so that its CPU and memory are its own: the same class path (the same
 * jars) on the same JVM, reading the project's configuration with a free loopback port, no embedded simulator, Hawtio
 * off (it costs memory and start-up time that viewers do not need) and a scratch routes folder with the camera
 * template. Two set-ups:
 * <ul>
 * <li>{@link #withDemoCamera}: the demo camera's route, whose {@code maxViewers} leaves room for the benchmark's
 *     viewers, pulling the simulator in a process of its own, as a real camera is not in the relay's: drawing and
 *     encoding its pictures would otherwise count as the relay's CPU and compete with the relay's threads;</li>
 * <li>{@link #withoutCameras}: no camera at first, the folder scanned every half second, so that a routes file
 *     {@link #addRoutes added} while it runs starts its cameras.</li>
 * </ul>
 */
final class RelayProcess implements AutoCloseable {

    static final String CAMERA = "demo";
    private static final String TEMPLATE = "camera-template.xml";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern MAX_VIEWERS = Pattern.compile("(<parameter\\s+name=\"maxViewers\"\\s+value=\")[^\"]*(\")");

    /** The simulated camera, or null. */
    private final ChildProcess camera;
    private final ChildProcess process;
    private final Path routes;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RelayProcess(ChildProcess camera, ChildProcess process, Path routes, int port) {
        this.camera = camera;
        this.process = process;
        this.routes = routes;
        this.port = port;
    }

    /**
     * Starts the simulator and the relay with the demo camera, their files in {@code scratch}, and returns once its
     * FLV stream serves.
     *
     * @param javaOptions extra options for the relay's JVM (a heap size, a flight recording)
     */
    static RelayProcess withDemoCamera(int maxViewers, List<String> javaOptions, ScratchFolder scratch)
            throws IOException, InterruptedException {
        String base = projectConfig();
        Properties baseValues = values(base);
        Path demo = routesFolder(baseValues).resolve(CAMERA + ".xml");
        if (!Files.isRegularFile(demo)) {
            throw new IOException("no " + demo.toAbsolutePath() + ": run from the project folder");
        }
        int cameraPort = ChildProcess.freePort();
        Map<String, String> overrides = new LinkedHashMap<>();
        // The demo route finds the camera through these; the relay itself starts none.
        overrides.put("camrelay.simulator.host", "127.0.0.1");
        overrides.put("camrelay.simulator.native-port", Integer.toString(cameraPort));
        overrides.put("camrelay.routes.scan-interval", "0");
        ChildProcess camera = ChildProcess.start("the camera simulator", ChildProcess.java(List.of(),
                CamRelay.class.getName(), "simulator", "--native-port", Integer.toString(cameraPort), "--http-port", "-1",
                "--fps", baseValues.getProperty("camrelay.simulator.fps", "6"), "--size",
                baseValues.getProperty("camrelay.simulator.size", "640x480")), Path.of(""), Map.of(),
                scratch.resolve("camera.log"));
        RelayProcess relay;
        try {
            relay = start(camera, base, overrides, Map.of(demo.getFileName().toString(),
                    withMaxViewers(Files.readString(demo), maxViewers)), javaOptions, scratch);
        } catch (IOException | RuntimeException e) {
            camera.close();
            throw e;
        }
        try {
            relay.process.awaitReady("the relay serving " + relay.url("stream.flv"), START_TIMEOUT,
                    () -> relay.streamEpoch() > 0);
            return relay;
        } catch (IOException | InterruptedException | RuntimeException e) {
            relay.close();
            throw e;
        }
    }

    /**
     * Starts the relay without cameras, its files in {@code scratch}, and returns once its API answers.
     *
     * @param javaOptions extra options for the relay's JVM (a heap size, a flight recording)
     */
    static RelayProcess withoutCameras(List<String> javaOptions, ScratchFolder scratch)
            throws IOException, InterruptedException {
        RelayProcess relay = start(null, projectConfig(), Map.of("camrelay.routes.scan-interval", "500"), Map.of(),
                javaOptions, scratch);
        try {
            relay.process.awaitReady("the relay's API answering", START_TIMEOUT, () -> relay.http.send(
                    HttpRequest.newBuilder(relay.uri("/api/cameras")).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200);
            return relay;
        } catch (IOException | InterruptedException | RuntimeException e) {
            relay.close();
            throw e;
        }
    }

    /**
     * Writes the configuration, with {@code extra} over the common overrides, and the routes folder, with the template
     * and {@code routeFiles} (by file name), and starts the relay on them.
     */
    private static RelayProcess start(ChildProcess camera, String base, Map<String, String> extra,
            Map<String, String> routeFiles, List<String> javaOptions, ScratchFolder scratch) throws IOException {
        Path template = routesFolder(values(base)).resolve(TEMPLATE);
        if (!Files.isRegularFile(template)) {
            throw new IOException("no " + template.toAbsolutePath() + ": run from the project folder");
        }
        Path routes = Files.createDirectories(scratch.resolve("routes"));
        Files.copy(template, routes.resolve(TEMPLATE));
        for (Map.Entry<String, String> file : routeFiles.entrySet()) {
            Files.writeString(routes.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
        int port = ChildProcess.freePort();
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("camrelay.http.host", "127.0.0.1");
        overrides.put("camrelay.http.port", Integer.toString(port));
        overrides.put("camrelay.simulator.enabled", "false");
        overrides.put("camrelay.routes.folder", routes.toString());
        overrides.put("camrelay.hawtio.enabled", "false");
        overrides.putAll(extra);
        Path config = scratch.resolve("application.properties");
        Files.writeString(config, override(base, overrides), StandardCharsets.UTF_8);
        ChildProcess process = ChildProcess.start("the relay", ChildProcess.java(javaOptions, CamRelay.class.getName()),
                Path.of(""), Map.of(CamRelay.CONFIG_ENV, config.toString()), scratch.resolve("relay.log"));
        return new RelayProcess(camera, process, routes, port);
    }

    private static Path routesFolder(Properties config) {
        return Path.of(config.getProperty("camrelay.routes.folder", "routes"));
    }

    /** The route file with the template parameter {@code maxViewers} set to {@code maxViewers}. */
    static String withMaxViewers(String route, int maxViewers) {
        Matcher existing = MAX_VIEWERS.matcher(route);
        if (existing.find()) {
            return existing.replaceAll("$1" + maxViewers + "$2");
        }
        int end = route.indexOf("</templatedRoute>");
        if (end < 0) {
            throw new IllegalArgumentException("the demo camera's route has no templatedRoute");
        }
        return route.substring(0, end) + "  <parameter name=\"maxViewers\" value=\"" + maxViewers + "\"/>\n  "
                + route.substring(end);
    }

    /** The project's configuration (or the file {@code CAMRELAY_CONFIG} names) that relay children start from. */
    private static String projectConfig() throws IOException {
        Path config = Path.of(System.getenv().getOrDefault(CamRelay.CONFIG_ENV, CamRelay.DEFAULT_CONFIG));
        if (!Files.isRegularFile(config)) {
            throw new IOException("no " + config.toAbsolutePath() + ": run from the project folder");
        }
        return Files.readString(config, StandardCharsets.UTF_8);
    }

    private static Properties values(String config) throws IOException {
        Properties values = new Properties();
        values.load(new StringReader(config));
        return values;
    }

    /** {@code properties} with the given keys' values replaced, and those it lacks added at the end. */
    static String override(String properties, Map<String, String> values) {
        Map<String, String> missing = new LinkedHashMap<>(values);
        StringBuilder out = new StringBuilder();
        for (String line : properties.split("\n")) {
            String key = line.split("[=:]", 2)[0].trim();
            if (!line.trim().startsWith("#") && line.contains("=") && missing.containsKey(key)) {
                out.append(key).append(" = ").append(missing.remove(key)).append('\n');
            } else {
                out.append(line).append('\n');
            }
        }
        missing.forEach((key, value) -> out.append(key).append(" = ").append(value).append('\n'));
        return out.toString();
    }

    /** Adds a routes file, written aside and moved in, so that the relay never reads half of it. */
    void addRoutes(String fileName, String xml) throws IOException {
        Path partial = routes.resolveSibling(fileName + ".partial");
        Files.writeString(partial, xml, StandardCharsets.UTF_8);
        Files.move(partial, routes.resolve(fileName));
    }

    /** The FLV stream's X-Stream-Epoch (epoch milliseconds at tag timestamp 0), or 0 before its first frame. */
    long streamEpoch() throws IOException, InterruptedException {
        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(url("stream.flv")).timeout(Duration.ofSeconds(2))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        return head.statusCode() == 200 ? head.headers().firstValueAsLong("X-Stream-Epoch").orElse(0) : 0;
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

    /** The URL of one of the demo camera's streams, e.g. {@code stream.flv}. */
    URI url(String stream) {
        return uri("/cams/" + CAMERA + "/" + stream);
    }

    URI uri(String path) {
        return URI.create("http://" + authority() + path);
    }

    /** {@code 127.0.0.1:PORT}, for a request's Host. */
    String authority() {
        return "127.0.0.1:" + port;
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    long pid() {
        return process.pid();
    }

    void checkAlive() throws IOException {
        if (camera != null) {
            camera.checkAlive();
        }
        process.checkAlive();
    }

    String logTail(int lines) {
        return process.logTail(lines);
    }

    @Override
    public void close() {
        process.close();
        if (camera != null) {
            camera.close();
        }
    }
}
