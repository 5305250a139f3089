package org.camrelay.bench;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camrelay.app.CamRelay;

/**
 * The relay as a child process of a benchmark, so that its CPU and memory are its own: the same class path
 * (the same jar) on the same JVM, reading the project's configuration with free loopback ports, Hawtio off
 * (it costs memory and start-up time that viewers do not need) and a scratch routes folder holding only the
 * demo camera, whose {@code maxViewers} leaves room for the benchmark's viewers. The camera is the simulator
 * in a process of its own, as a real camera is not in the relay's: drawing and encoding its pictures would
 * otherwise count as the relay's CPU and compete with the relay's threads inside its JVM.
 */
final class RelayProcess implements AutoCloseable {

    static final String CAMERA = "demo";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern MAX_VIEWERS = Pattern.compile("(<parameter\\s+name=\"maxViewers\"\\s+value=\")[^\"]*(\")");

    private final ChildProcess camera;
    private final ChildProcess process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private RelayProcess(ChildProcess camera, ChildProcess process, int port) {
        this.camera = camera;
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the relay with its files in {@code scratch} and returns once its FLV stream serves.
     *
     * @param javaOptions extra options for the relay's JVM (a heap size, a flight recording)
     */
    static RelayProcess start(int maxViewers, List<String> javaOptions, ScratchFolder scratch)
            throws IOException, InterruptedException {
        String base = projectConfig();
        Properties baseValues = values(base);
        Path routes = Files.createDirectories(scratch.resolve("routes"));
        copyDemoCamera(Path.of(baseValues.getProperty("camrelay.routes.folder", "routes")), routes, maxViewers);

        int port = ChildProcess.freePort();
        int cameraPort = ChildProcess.freePort();
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("camrelay.http.host", "127.0.0.1");
        overrides.put("camrelay.http.port", Integer.toString(port));
        // The demo route finds the camera through these; the relay itself starts none.
        overrides.put("camrelay.simulator.enabled", "false");
        overrides.put("camrelay.simulator.host", "127.0.0.1");
        overrides.put("camrelay.simulator.native-port", Integer.toString(cameraPort));
        overrides.put("camrelay.routes.folder", routes.toString());
        overrides.put("camrelay.routes.scan-interval", "0");
        overrides.put("camrelay.hawtio.enabled", "false");
        Path config = writeConfig(scratch, base, overrides);

        ChildProcess camera = ChildProcess.start("the camera simulator", java(List.of(), "simulator", "--native-port",
                Integer.toString(cameraPort), "--http-port", "-1", "--fps", baseValues.getProperty(
                        "camrelay.simulator.fps", "6"), "--size", baseValues.getProperty("camrelay.simulator.size",
                        "640x480")), Path.of("").toAbsolutePath(), Map.of(), scratch.resolve("camera.log"));
        ChildProcess process;
        try {
            process = ChildProcess.start("the relay", java(javaOptions), Path.of("").toAbsolutePath(),
                    Map.of(CamRelay.CONFIG_ENV, config.toString()), scratch.resolve("relay.log"));
        } catch (IOException | RuntimeException e) {
            camera.close();
            throw e;
        }
        RelayProcess relay = new RelayProcess(camera, process, port);
        try {
            relay.awaitStream();
        } catch (IOException | InterruptedException | RuntimeException e) {
            relay.close();
            throw e;
        }
        return relay;
    }

    /** A command running camrelay with {@code arguments} on this JVM and class path. */
    static List<String> java(List<String> javaOptions, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CamRelay.class.getName()));
        command.addAll(List.of(arguments));
        return command;
    }

    /** The demo camera's route and its template, with {@code maxViewers} set. */
    private static void copyDemoCamera(Path from, Path to, int maxViewers) throws IOException {
        Path demo = from.resolve(CAMERA + ".xml");
        Path template = from.resolve("camera-template.xml");
        if (!Files.isRegularFile(demo) || !Files.isRegularFile(template)) {
            throw new IOException("no " + demo + " or " + template + ": run from the project folder");
        }
        Files.copy(template, to.resolve(template.getFileName()));
        Files.writeString(to.resolve(demo.getFileName()), withMaxViewers(Files.readString(demo), maxViewers));
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
    static String projectConfig() throws IOException {
        Path config = Path.of(System.getenv().getOrDefault(CamRelay.CONFIG_ENV, CamRelay.DEFAULT_CONFIG));
        if (!Files.isRegularFile(config)) {
            throw new IOException("no " + config.toAbsolutePath() + ": run from the project folder");
        }
        return Files.readString(config, StandardCharsets.UTF_8);
    }

    static Properties values(String config) throws IOException {
        Properties values = new Properties();
        values.load(new StringReader(config));
        return values;
    }

    /** Writes {@code base} with the overrides into the scratch folder; returns the file for CAMRELAY_CONFIG. */
    static Path writeConfig(ScratchFolder scratch, String base, Map<String, String> overrides) throws IOException {
        Path config = scratch.resolve("application.properties");
        Files.writeString(config, override(base, overrides), StandardCharsets.UTF_8);
        return config;
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

    /** Waits until the FLV stream serves, which it does from its first frame on, so with its epoch. */
    private void awaitStream() throws IOException, InterruptedException {
        process.awaitReady("the relay serving " + url("stream.flv"), START_TIMEOUT, () -> streamEpoch() > 0);
    }

    /** The FLV stream's X-Stream-Epoch (epoch milliseconds at tag timestamp 0), or 0 before its first frame. */
    long streamEpoch() throws IOException, InterruptedException {
        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(url("stream.flv")).timeout(Duration.ofSeconds(2))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        return head.statusCode() == 200 ? head.headers().firstValueAsLong("X-Stream-Epoch").orElse(0) : 0;
    }

    /** The URL of one of the demo camera's streams, e.g. {@code stream.flv}. */
    URI url(String stream) {
        return URI.create("http://127.0.0.1:" + port + "/cams/" + CAMERA + "/" + stream);
    }

    long pid() {
        return process.pid();
    }

    void checkAlive() throws IOException {
        camera.checkAlive();
        process.checkAlive();
    }

    @Override
    public void close() {
        process.close();
        camera.close();
    }
}
