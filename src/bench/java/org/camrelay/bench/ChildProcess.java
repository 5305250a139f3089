package org.camrelay.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process that a benchmark starts (the relay, node-media-server, ffmpeg): its output goes to a log file,
 * and it is stopped when closed or, should the benchmark be interrupted (Ctrl-C), when the JVM exits.
 */
final class ChildProcess implements AutoCloseable {

    private static final long STOP_SECONDS = 15;

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread stopAtExit;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stopAtExit = new Thread(this::stop, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** Starts {@code command} in {@code directory} with {@code environment} added to this process's. */
    static ChildProcess start(String name, List<String> command, Path directory, Map<String, String> environment,
            Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        return new ChildProcess(name, builder.start(), log);
    }

    /** A loopback port free now, for a child to listen on; the child fails clearly if another takes it first. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Throws with the log's last lines if the process has ended. */
    void checkAlive() throws IOException {
        if (!process.isAlive()) {
            throw new IOException(name + " exited with status " + process.exitValue() + "; the end of " + log + ":\n"
                    + logTail(20));
        }
    }

    /** What a child is polled for while it starts: true once ready; an IOException means not listening yet. */
    interface Readiness {
        boolean ready() throws IOException, InterruptedException;
    }

    /** Polls {@code readiness} until true; fails with the log's end if the child exits or the time runs out. */
    void awaitReady(String what, Duration timeout, Readiness readiness) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            checkAlive();
            try {
                if (readiness.ready()) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new IOException(what + " did not happen within " + timeout.toSeconds() + " s; the end of " + log + ":\n"
                + logTail(20));
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(" + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    /** Asks the process to end (SIGTERM, so that the relay shuts down cleanly), then forces it. */
    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException e) {
            // The JVM is exiting: the hook runs, and finds the process stopped.
        }
    }
}
