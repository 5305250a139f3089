package org.camrelay.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * How many viewers one relay serves: starts the relay as a child process (see {@link RelayProcess}), loads
 * its FLV stream (FLV1 320x240 at 4 fps, the original ffserver settings) with each step's viewers in turn,
 * then its MJPEG passthrough, and prints one table with the relay's CPU and memory per run.
 *
 * <p>{@code java -jar target/camrelay-bench.jar fanout [--steps 1000,2000,5000,10000] [--mjpeg 1000]
 * [--seconds 20] [--ramp-per-second 1000] [--threads 1] [--relay-java-options "..."]} ({@code --help} lists them)
 *
 * <p>Targets, checked after the table: every FLV viewer gets every frame with lag p99 under 100 ms; MJPEG
 * lag p99 under 10 ms. Lag runs from the relay receiving the camera's frame to its last byte reaching the
 * viewer (see {@link LoadGenerator}); the generator runs in this process, on the same cores as the relay,
 * and its own CPU is the table's last column.
 */
public final class FanoutBench {

    static final long FLV_P99_TARGET_MICROS = 100_000;
    static final long MJPEG_P99_TARGET_MICROS = 10_000;
    /** Long enough to see the relay's cost without viewers, which every row's CPU includes. */
    static final int IDLE_SECONDS = 3;
    /** Lets the relay close the last step's connections before the next step opens its own. */
    private static final long PAUSE_BETWEEN_STEPS_MILLIS = 1000;

    /**
     * {@code bench fanout}'s options.
     *
     * @param steps     FLV viewer counts, run one after the other
     * @param mjpeg     MJPEG viewers after the FLV steps; 0 for none
     * @param relayJava extra options for the relay's JVM
     */
    record Options(List<Integer> steps, int mjpeg, int seconds, int rampPerSecond, int threads, List<String> relayJava) {

        static Options read(CommandLine commandLine) {
            OptionSpec<Integer> steps = commandLine.positives("steps",
                    "FLV viewers of each run, one run after the other", 1000, 2000, 5000, 10000);
            OptionSpec<Integer> mjpeg = commandLine.positiveOrZero("mjpeg",
                    "MJPEG viewers after the FLV runs; 0 for none", 1000);
            OptionSpec<Integer> seconds = commandLine.positive("seconds", "seconds measured per run", 20);
            OptionSpec<Integer> ramp = commandLine.positive("ramp-per-second", "viewers connecting per second", 1000);
            OptionSpec<Integer> threads = commandLine.positive("threads", "the load generator's selector threads", 1);
            OptionSpec<String> relayJava = commandLine.javaOptions("relay-java-options",
                    "options for the relay's JVM, such as \"-Xmx1g -XX:+UseParallelGC\"");
            OptionSet options = commandLine.parse();
            return new Options(options.valuesOf(steps), options.valueOf(mjpeg), options.valueOf(seconds),
                    options.valueOf(ramp), options.valueOf(threads), CommandLine.words(options.valueOf(relayJava)));
        }

        /** The most viewers at once, which the relay's maxViewers and the machine's limits must allow. */
        int mostViewers() {
            return Math.max(mjpeg, steps.stream().mapToInt(Integer::intValue).max().orElse(0));
        }
    }

    private FanoutBench() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        return CommandLine.run("fanout", args, out, err, Options::read, options -> fanout(options, out, err));
    }

    private static int fanout(Options options, PrintStream out, PrintStream err) throws InterruptedException {
        ConnectionLimits limits = ConnectionLimits.read();
        out.println("limits: " + limits.describe());
        limits.warnings(options.mostViewers()).forEach(warning -> err.println("bench fanout: WARNING: " + warning));
        return ScratchFolder.use("fanout", err, scratch -> {
            // Room above the largest step, so that the relay refuses no one and a refusal means a problem.
            int maxViewers = Math.max(12_000, options.mostViewers() + options.mostViewers() / 5);
            try (RelayProcess relay = RelayProcess.withDemoCamera(maxViewers, options.relayJava(), scratch)) {
                out.printf(Locale.ROOT, "bench fanout: relay pid %d at %s (maxViewers %d, log %s); %d s per run,"
                        + " ramp %d/s, %d generator thread(s)%n", relay.pid(), relay.url(""), maxViewers,
                        scratch.resolve("relay.log"), options.seconds(), options.rampPerSecond(), options.threads());
                LoadResult.Usage idle = LoadResult.Usage.over(relay.pid(), IDLE_SECONDS);
                out.printf(Locale.ROOT, "relay idle (camera, transcoding, no viewers): cpu %.0f %% of one core,"
                        + " rss %.0f MB%n", idle.cpuPercent(), idle.rssEndMb());
                runAll(options, relay, out).forEach(out::println);
            }
            return 0;
        });
    }

    /**
     * One row of the table: a stream loaded with some viewers, its lag target and the demo camera's frame
     * rate on it (camera-template.xml's defaults: the camera pulled at 6 fps, the FLV outputs at 4 fps).
     */
    private record Run(String stream, int viewers, long p99TargetMicros, int fps) {
    }

    /** Runs every step, printing its row as it ends; returns the notes for under the table. */
    private static List<String> runAll(Options options, RelayProcess relay, PrintStream out)
            throws IOException, InterruptedException {
        List<Run> runs = new ArrayList<>();
        options.steps().forEach(viewers -> runs.add(new Run("stream.flv", viewers, FLV_P99_TARGET_MICROS, 4)));
        if (options.mjpeg() > 0) {
            runs.add(new Run("stream.mjpeg", options.mjpeg(), MJPEG_P99_TARGET_MICROS, 6));
        }
        ResultTable table = new ResultTable(out);
        table.header();
        List<String> problems = new ArrayList<>();
        List<String> verdicts = new ArrayList<>();
        for (Run run : runs) {
            if (run != runs.get(0)) {
                TimeUnit.MILLISECONDS.sleep(PAUSE_BETWEEN_STEPS_MILLIS);
            }
            LoadResult result = step(options, relay, run.stream(), run.viewers());
            table.row(run.stream(), result);
            String problem = ResultTable.firstProblem(result);
            if (problem != null) {
                problems.add(run.stream() + " at " + run.viewers() + ": first viewer " + problem);
            }
            // Frames that never came through count for no viewer, so "missed" cannot show them.
            long expected = (long) run.fps() * options.seconds();
            if (result.measured() > 0 && result.framesPerViewerP50() < expected * 0.95) {
                problems.add(String.format(Locale.ROOT, "%s at %d: %d frames per viewer where %d fps gives about %d:"
                        + " fewer frames came through the relay (camera, rate limiter or transcoder behind)",
                        run.stream(), run.viewers(), result.framesPerViewerP50(), run.fps(), expected));
            }
            verdicts.add(verdict(result, run.p99TargetMicros()));
        }
        problems.addAll(verdicts);
        return problems;
    }

    private static LoadResult step(Options options, RelayProcess relay, String stream, int viewers)
            throws IOException, InterruptedException {
        relay.checkAlive();
        LoadResult result = LoadGenerator.measure(LoadOptions.of(relay.url(stream), viewers, options.seconds(),
                options.rampPerSecond(), relay.pid(), options.threads(), LoadOptions.NO_EPOCH));
        relay.checkAlive();
        return result;
    }

    /** Whether a run met its target: every viewer streamed and got every frame, and lag p99 under the target. */
    static String verdict(LoadResult result, long p99TargetMicros) {
        List<String> shortfalls = new ArrayList<>();
        if (result.measured() < result.requested()) {
            shortfalls.add(result.requested() - result.measured() + " viewers did not stream through the window");
        }
        if (result.missedTotal() > 0) {
            shortfalls.add(result.missedTotal() + " frames missed");
        }
        if (result.keyframeSkips() > 0) {
            shortfalls.add(result.keyframeSkips() + " keyframe skips");
        }
        if (result.lagSamples() == 0) {
            shortfalls.add("no lag measured");
        } else if (result.lagP99Micros() >= p99TargetMicros) {
            shortfalls.add("p99 " + LoadResult.millis(result.lagP99Micros()) + " ms");
        }
        return String.format(Locale.ROOT, "target %s %d viewers, every viewer every frame and p99 < %d ms: %s",
                result.flv() ? "FLV" : "MJPEG", result.requested(), p99TargetMicros / 1000,
                shortfalls.isEmpty() ? "met" : "NOT met (" + String.join(", ", shortfalls) + ")");
    }
}
