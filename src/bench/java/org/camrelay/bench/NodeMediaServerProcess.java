package org.camrelay.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * node-media-server (npm, version pinned in {@code bench/peer/package-lock.json}) as the peer of
 * {@code bench peer}: its own launcher {@code bin/app.js} with {@code bench/peer/nms-config.json} (no
 * admin console, API, TLS or recording), on free loopback ports, its store in the scratch folder. A stream
 * published over RTMP to {@code rtmp://HOST:PORT/APP/NAME} plays as HTTP-FLV at
 * {@code http://HOST:PORT/APP/NAME.flv} (its route {@code /:app/:name.flv}).
 */
final class NodeMediaServerProcess implements AutoCloseable {

    static final String PACKAGE = "node-media-server";
    private static final String STREAM = "live/demo";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration INSTALL_TIME = Duration.ofMinutes(5);
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");

    private final ChildProcess process;
    private final int rtmpPort;
    private final int httpPort;
    private final String version;

    private NodeMediaServerProcess(ChildProcess process, int rtmpPort, int httpPort, String version) {
        this.process = process;
        this.rtmpPort = rtmpPort;
        this.httpPort = httpPort;
        this.version = version;
    }

    /** What is missing to run the peer, or null: node, and npm where the package is not installed yet. */
    static String missingTools(Path folder) {
        if (!onPath("node")) {
            return "node is not installed (apt-get install nodejs npm)";
        }
        if (!Files.isDirectory(installed(folder)) && !onPath("npm")) {
            return "npm is not installed (apt-get install npm) and " + installed(folder) + " is missing";
        }
        return null;
    }

    static boolean onPath(String tool) {
        if (tool.contains("/")) {
            return Files.isExecutable(Path.of(tool));
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(folder -> !folder.isEmpty() && Files.isExecutable(Path.of(folder, tool)));
    }

    private static Path installed(Path folder) {
        return folder.resolve("node_modules").resolve(PACKAGE);
    }

    /** Installs the locked package with {@code npm ci} unless it is there; says so on {@code out}. */
    static void install(Path folder, PrintStream out) throws IOException, InterruptedException {
        if (Files.isDirectory(installed(folder))) {
            return;
        }
        out.println("bench peer: installing " + PACKAGE + " into " + folder.resolve("node_modules") + " (npm ci)");
        ChildProcess.run("npm ci in " + folder, List.of("npm", "ci", "--no-audit", "--no-fund"), folder, INSTALL_TIME);
        if (!Files.isDirectory(installed(folder))) {
            throw new IOException("npm ci in " + folder + " installed no " + installed(folder));
        }
    }

    /** Starts the installed server and returns once its HTTP port accepts connections. */
    static NodeMediaServerProcess start(Path folder, ScratchFolder scratch) throws IOException, InterruptedException {
        Path app = installed(folder).resolve("bin").resolve("app.js").toAbsolutePath();
        int rtmpPort = ChildProcess.freePort();
        int httpPort = ChildProcess.freePort();
        Path data = Files.createDirectories(scratch.resolve("nms-data"));
        List<String> command = List.of("node", app.toString(), "--config",
                folder.resolve("nms-config.json").toAbsolutePath().toString(), "--bind", "127.0.0.1", "--rtmp-port",
                Integer.toString(rtmpPort), "--http-port", Integer.toString(httpPort), "--data-path", data.toString(),
                "--no-admin");
        ChildProcess process = ChildProcess.start(PACKAGE, command, scratch.path(), Map.of(),
                scratch.resolve("node-media-server.log"));
        try {
            process.awaitReady(PACKAGE + " listening on port " + httpPort, START_TIMEOUT, () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", httpPort), 1000);
                    return true;
                }
            });
            return new NodeMediaServerProcess(process, rtmpPort, httpPort, version(folder));
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.close();
            throw e;
        }
    }

    private static String version(Path folder) throws IOException {
        Matcher version = VERSION.matcher(Files.readString(installed(folder).resolve("package.json"),
                StandardCharsets.UTF_8));
        return version.find() ? version.group(1) : "?";
    }

    /** Where a publisher sends the stream. */
    URI rtmpUrl() {
        return URI.create("rtmp://127.0.0.1:" + rtmpPort + "/" + STREAM);
    }

    /** Where viewers play it. */
    URI flvUrl() {
        return URI.create("http://127.0.0.1:" + httpPort + "/" + STREAM + ".flv");
    }

    String version() {
        return version;
    }

    /** The node process serving the viewers. */
    long pid() {
        return process.pid();
    }

    void checkAlive() throws IOException {
        process.checkAlive();
    }

    @Override
    public void close() {
        process.close();
    }
}
