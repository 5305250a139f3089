package org.camrelay.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A process that a benchmark starts, a JVM ({@link #java}) or not: the relay, the camera simulator, the idle viewers,
 * node-media-server, npm, ffmpeg. A thread reads its output (standard output and error together) line by line,
 * writes it to the log file if one is given and keeps its last lines, so that a benchmark can wait for a line, read
 * a short-lived child's output, or show the end of it when the child fails. It is stopped when closed or, should
 * the benchmark be interrupted (Ctrl-C), when this JVM exits. Its standard input is empty.
 */
public final class ChildProcess implements AutoCloseable {

    private static final long STOP_SECONDS = 15;
    private static final int KEPT_LINES = 200;
    private static final long POLL_MILLIS = 200;

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread output;
    private final Thread stopAtExit;
    /** The last lines of output; guards the fields below, and is notified of each line and of the end. */
    private final Deque<String> lines = new ArrayDeque<>();
    /** Lines of output so far, the kept and the dropped. */
    private long lineCount;
    private boolean outputEnded;

    private ChildProcess(String name, Process process, Path log) throws IOException {
        this.name = name;
        this.process = process;
        this.log = log;
        Writer logWriter = log == null ? null : Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        this.output = new Thread(() -> readOutput(logWriter), "output-" + name);
        output.setDaemon(true);
        output.start();
        this.stopAtExit = new Thread(this::stop, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** Starts {@code command} in this process's folder, its output kept in memory only. */
    public static ChildProcess start(String name, List<String> command) throws IOException {
        return start(name, command, Path.of(""), Map.of(), null);
    }

    /**
     * Starts {@code command} in {@code directory} with {@code environment} added to this process's.
     *
     * @param log where its output goes as well, or null
     */
    public static ChildProcess start(String name, List<String> command, Path directory, Map<String, String> environment,
            Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toAbsolutePath().toFile())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        return new ChildProcess(name, builder.start(), log);
    }

    /**
     * Runs {@code command} to its end and returns its output; an {@link IOException} with the output's end if it
     * fails or does not end within {@code timeout}.
     */
    public static String run(String name, List<String> command, Path directory, Duration timeout)
            throws IOException, InterruptedException {
        try (ChildProcess child = start(name, command, directory, Map.of(), null)) {
            if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException(name + " did not end within " + timeout.toSeconds() + " s:\n" + child.logTail(20));
            }
            child.output.join(TimeUnit.SECONDS.toMillis(STOP_SECONDS));
            if (child.process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed with status " + child.process.exitValue()
                        + ":\n" + child.logTail(KEPT_LINES));
            }
            return child.logTail(KEPT_LINES);
        }
    }

    /** A command running {@code mainClass} with {@code arguments} on this JVM, with this JVM's class path. */
    public static List<String> java(List<String> javaOptions, String mainClass, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(arguments));
        return command;
    }

    /** A loopback port free now, for a child to listen on; the child fails clearly if another takes it first. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void readOutput(Writer logWriter) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (logWriter != null) {
                    logWriter.write(line);
                    logWriter.write('\n');
                    logWriter.flush();
                }
                synchronized (lines) {
                    if (lines.size() == KEPT_LINES) {
                        lines.removeFirst();
                    }
                    lines.addLast(line);
                    lineCount++;
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // The process's output closed under us: it ended, or was stopped.
        } finally {
            try {
                if (logWriter != null) {
                    logWriter.close();
                }
            } catch (IOException e) {
                // What was written is in the log.
            }
            synchronized (lines) {
                outputEnded = true;
                lines.notifyAll();
            }
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Throws with the end of its output if the process has ended. */
    public void checkAlive() throws IOException {
        if (!process.isAlive()) {
            throw new IOException(name + " exited with status " + process.exitValue() + "; " + where() + ":\n"
                    + logTail(20));
        }
    }

    /** What a child is polled for while it starts: true once ready; an IOException means not listening yet. */
    public interface Readiness {
        boolean ready() throws IOException, InterruptedException;
    }

    /** Polls {@code readiness} until true; fails with the output's end if the child exits or the time runs out. */
    public void awaitReady(String what, Duration timeout, Readiness readiness) throws IOException, InterruptedException {
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
            Thread.sleep(POLL_MILLIS);
        }
        throw new IOException(what + " did not happen within " + timeout.toSeconds() + " s; " + where() + ":\n"
                + logTail(20));
    }

    /**
     * Waits for the first line of output, from the oldest kept, that {@code wanted} accepts, and returns it; fails
     * with the output's end if the output ends first or the time runs out.
     */
    public String awaitLine(String what, Duration timeout, Predicate<String> wanted)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long next = 0;
        synchronized (lines) {
            while (true) {
                long index = lineCount - lines.size();
                for (String line : lines) {
                    if (index++ >= next && wanted.test(line)) {
                        return line;
                    }
                }
                next = lineCount;
                long left = deadline - System.nanoTime();
                if (outputEnded || left <= 0) {
                    break;
                }
                lines.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            }
        }
        throw new IOException(what + (outputEnded ? " did not happen before " + name + "'s output ended"
                : " did not happen within " + timeout.toSeconds() + " s") + "; " + where() + ":\n" + logTail(20));
    }

    /** The last {@code count} lines of its output. */
    public String logTail(int count) {
        synchronized (lines) {
            List<String> all = new ArrayList<>(lines);
            return String.join("\n", all.subList(Math.max(0, all.size() - count), all.size()));
        }
    }

    private String where() {
        return log == null ? "the end of its output" : "the end of " + log;
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
