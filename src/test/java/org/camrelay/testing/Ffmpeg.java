package org.camrelay.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/** Runs the real ffprobe/ffmpeg (installed by .ci/run) against the relay, as a viewer would. */
public final class Ffmpeg {

    public record Result(int exitCode, String output) {
    }

    private Ffmpeg() {
    }

    public static Result run(long timeoutSeconds, String... command) throws IOException, InterruptedException {
        // Skipped, not failed, where the tool is missing: .ci/run installs it, a bare JDK and Maven do not.
        Assumptions.assumeTrue(installed(command[0]), command[0] + " is not installed: apt-get install ffmpeg"
                + " (.ci/run installs it)");
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static boolean installed(String tool) {
        if (tool.contains("/")) {
            return Files.isExecutable(Path.of(tool));
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(folder -> !folder.isEmpty() && Files.isExecutable(Path.of(folder, tool)));
    }

    /** ffprobe's view of the first video stream at {@code url}, as {@code key=value} lines. */
    public static Result probe(String url, String entries) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ffprobe", "-v", "error", "-analyzeduration", "2000000",
                "-select_streams", "v:0",
                "-show_entries", "stream=" + entries, "-of", "default=noprint_wrappers=1", url));
        return run(30, command.toArray(String[]::new));
    }
}
