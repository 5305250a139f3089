package org.camrelay.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import joptsimple.OptionSet;
import joptsimple.OptionSpec;

import org.camrelay.bench.stream.StreamViewer;
import org.camrelay.simulator.CameraSimulator;

/**
 * Cameras per node: simulated cameras are added to one relay, a step at a time, until frames are missed.
 *
 * <p>{@code java -jar target/camrelay-bench.jar cameras [--start 50] [--step 50] [--max 400] [--seconds 20]
 * [--warmup 5] [--relay-java-options "..."] [--keep-going]} ({@code --help} lists them)
 *
 * <p>Each camera is the demo's: 640x480 JPEGs pulled at 6 fps over the native protocol, served as MJPEG as they
 * come (no viewer here) and transcoded to FLV1 320x240 at 4 fps, 500 kb/s; no H.264. The relay runs as a
 * child process ({@link RelayProcess#withoutCameras}); each step writes a routes file with the step's new cameras, from the
 * camera template. The cameras are connections to one {@link CameraSimulator} in this process: it renders
 * each picture once and sends it on every connection, so that hundreds of cameras cost it little more than
 * the sending, while the relay does all the work of separate cameras (a connection, a JPEG parser, a
 * limiter, a decoder and an encoder each).
 *
 * <p>A step waits for every camera's FLV stream, opens one FLV viewer on each, lets them run for the warm-up,
 * then measures a window. It passes when, over the window:
 * <ul>
 * <li>the relay pulled every camera's frames at the input rate: counted by the simulator as it writes them, on
 *     each connection;</li>
 * <li>every camera's viewer got the frames of the output rate: counted by the tags' source times, so a late
 *     frame still counts if it arrives within 2 s of the window's end;</li>
 * <li>the relay lost none on the way: the loss counters of {@code /api/cameras} (encoder busy, route busy,
 *     corrupt, oversize, failed, slow viewer), which the relay samples once a second, so they cover the window
 *     give or take a second.</li>
 * </ul>
 * A camera may be one frame short of a rate, for the window's phase against its stream. The steps stop at the
 * first that fails (unless {@code --keep-going}); the last step before it is the node's figure.
 */
public final class CamerasPerNode {

    static final int INPUT_FPS = 6;
    static final int OUTPUT_FPS = 4;
    /** The frames a camera may be short over a window, for the window's phase against the stream. */
    private static final int TOLERANCE_FRAMES = 1;
    /** How long after the window viewers keep reading, for the window's last frames to reach them. */
    private static final long GRACE_MILLIS = 2000;
    private static final long STREAMS_TIMEOUT_MILLIS = 60_000;
    private static final long VIEWERS_TIMEOUT_MILLIS = 15_000;

    /** The processes' usage at {@code nanos}, and every camera's counters as the relay last sampled them. */
    private record Snapshot(long nanos, ProcessUsage relay, ProcessUsage bench, Map<String, CameraCounters> cameras) {
    }

    /** One step's figures. */
    private record Step(long framesIn, long missedIn, long framesOut, long missedOut, Map<String, Long> lost,
            long reconnects, int viewerFailures, String firstFailure, double lagP99Millis, double encodeMicros,
            double relayCpuPercent, double relayRssMb, double benchCpuPercent) {

        boolean passed() {
            return missedIn == 0 && missedOut == 0 && lostTotal() == 0 && viewerFailures == 0;
        }

        long lostTotal() {
            return lost.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Why it failed, where the columns do not say. */
        String reasons() {
            List<String> reasons = new ArrayList<>();
            lost.forEach((cause, count) -> {
                if (count > 0) {
                    reasons.add(cause + " " + count);
                }
            });
            if (reconnects > 0) {
                reasons.add("cameras reconnected " + reconnects + " times");
            }
            if (viewerFailures > 0) {
                reasons.add(viewerFailures + " viewers failed, first: " + firstFailure);
            }
            return reasons.isEmpty() ? "" : " (" + String.join(", ", reasons) + ")";
        }
    }

    /**
     * {@code bench cameras}' options.
     *
     * @param relayJava extra options for the relay's JVM, e.g. to record a JFR profile
     * @param keepGoing measure the steps after the first that fails too, to see how the losses grow
     */
    record Options(int start, int step, int max, int seconds, int warmupSeconds, List<String> relayJava,
            boolean keepGoing) {

        static Options read(CommandLine commandLine) {
            OptionSpec<Integer> start = commandLine.positive("start", "cameras of the first step", 50);
            OptionSpec<Integer> step = commandLine.positive("step", "cameras added by each step", 50);
            OptionSpec<Integer> max = commandLine.positive("max", "cameras of the last step at the most", 400);
            OptionSpec<Integer> seconds = commandLine.positive("seconds", "seconds measured per step", 20);
            OptionSpec<Integer> warmup = commandLine.positive("warmup", "seconds of each step before its measurement",
                    5);
            OptionSpec<String> relayJava = commandLine.javaOptions("relay-java-options",
                    "options for the relay's JVM, such as \"-XX:StartFlightRecording=filename=relay.jfr\"");
            OptionSpec<Void> keepGoing = commandLine.flag("keep-going", "measure the steps after the first that fails");
            OptionSet options = commandLine.parse();
            if (options.valueOf(max) < options.valueOf(start)) {
                throw new IllegalArgumentException("--max " + options.valueOf(max) + " is below --start "
                        + options.valueOf(start));
            }
            return new Options(options.valueOf(start), options.valueOf(step), options.valueOf(max),
                    options.valueOf(seconds), options.valueOf(warmup), CommandLine.words(options.valueOf(relayJava)),
                    options.has(keepGoing));
        }

        /** The camera counts of the steps, from {@code start} by {@code step} to at most {@code max}. */
        List<Integer> steps() {
            return IntStream.iterate(start, n -> n <= max, n -> n + step).boxed().toList();
        }
    }

    private CamerasPerNode() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        return CommandLine.run("cameras", args, out, err, Options::read, options -> ScratchFolder.use("cameras", err,
                scratch -> cameras(options, scratch, out, err)));
    }

    private static int cameras(Options options, ScratchFolder scratch, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        try (CameraSimulator simulator = CameraSimulator.builder().name("bench-cameras").nativePort(0)
                .httpPort(CameraSimulator.DISABLED).fps(INPUT_FPS).size(640, 480).build()) {
            simulator.start();
            SentFrameCounter sent = new SentFrameCounter();
            simulator.addFrameListener(sent);
            try (RelayProcess relay = RelayProcess.withoutCameras(options.relayJava(), scratch)) {
                out.printf(Locale.ROOT, "bench cameras: 640x480 JPEG at %d fps in, FLV1 320x240 %d fps 500 kb/s out, one"
                        + " viewer each; %d to %d cameras by %d; %d s warm-up, %d s windows; %d cores%n", INPUT_FPS,
                        OUTPUT_FPS, options.start(), options.max(), options.step(), options.warmupSeconds(),
                        options.seconds(), Runtime.getRuntime().availableProcessors());
                out.println("relay pid " + relay.pid() + ", log " + scratch.resolve("relay.log"));
                out.printf(Locale.ROOT, "%7s %9s %9s %9s %9s %9s %9s %6s %9s %7s %9s %7s %9s  %s%n", "cameras",
                        "in/s exp", "in/s got", "out/s exp", "out/s got", "miss in", "miss out", "lost", "lag p99ms",
                        "enc us", "relay cpu", "rss MB", "bench cpu", "result");
                return steps(options, simulator.nativePort(), sent, relay, out, err);
            }
        }
    }

    private static int steps(Options options, int cameraPort, SentFrameCounter sent, RelayProcess relay,
            PrintStream out, PrintStream err) throws IOException, InterruptedException {
        int added = 0;
        int passed = 0;
        boolean failed = false;
        Step last;
        for (int cameras : options.steps()) {
            relay.addRoutes(String.format(Locale.ROOT, "cameras-%04d-%04d.xml", added + 1, cameras),
                    routes(added, cameras, cameraPort));
            added = cameras;
            try {
                last = measure(options, relay, sent, cameras);
            } catch (IOException e) {
                err.println("bench cameras: " + e.getMessage());
                out.println("cameras per node: " + passed + " (the step of " + cameras + " could not be measured)");
                return 1;
            }
            out.printf(Locale.ROOT, "%7d %9d %9.1f %9d %9.1f %9d %9d %6d %9.1f %7.0f %8.0f%% %7.0f %8.0f%%  %s%n",
                    cameras, cameras * INPUT_FPS, (double) last.framesIn() / options.seconds(), cameras * OUTPUT_FPS,
                    (double) last.framesOut() / options.seconds(), last.missedIn(), last.missedOut(), last.lostTotal(),
                    last.lagP99Millis(), last.encodeMicros(), last.relayCpuPercent(), last.relayRssMb(),
                    last.benchCpuPercent(), last.passed() ? "pass" : "FAIL" + last.reasons());
            if (last.passed() && !failed) {
                passed = cameras;
            }
            failed |= !last.passed();
            if (failed && !options.keepGoing()) {
                break;
            }
        }
        String limit = failed ? "" : " (every step passed: raise --max)";
        out.println("cameras per node: " + passed + limit);
        return 0;
    }

    /** A routes file with cameras {@code from + 1} to {@code to}, each from the camera template. */
    static String routes(int from, int to, int cameraPort) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<camel>\n");
        for (int i = from + 1; i <= to; i++) {
            String name = name(i);
            xml.append("  <templatedRoute routeTemplateRef=\"camera\" routeId=\"camera-").append(name).append("\">\n");
            parameter(xml, "name", name);
            parameter(xml, "host", "127.0.0.1");
            parameter(xml, "videoPort", Integer.toString(cameraPort));
            parameter(xml, "fps", Integer.toString(INPUT_FPS));
            parameter(xml, "imageSize", "640x480");
            parameter(xml, "outputFps", Integer.toString(OUTPUT_FPS));
            parameter(xml, "size", "320x240");
            parameter(xml, "bitrate", "500000");
            parameter(xml, "flv", "true");
            parameter(xml, "h264", "false");
            xml.append("  </templatedRoute>\n");
        }
        return xml.append("</camel>\n").toString();
    }

    private static void parameter(StringBuilder xml, String name, String value) {
        xml.append("    <parameter name=\"").append(name).append("\" value=\"").append(value).append("\"/>\n");
    }

    static String name(int camera) {
        return String.format(Locale.ROOT, "cam%04d", camera);
    }

    private static Step measure(Options options, RelayProcess relay, SentFrameCounter sent, int cameras)
            throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= cameras; i++) {
            names.add(name(i));
        }
        awaitStreams(relay, names);
        MeasurementWindow window = new MeasurementWindow();
        // One FLV viewer per camera, all opened at once on one selector thread.
        List<SelectorLoop.Planned> plan = names.stream().map(name -> new SelectorLoop.Planned(StreamViewer.request(
                relay.authority(), "/cams/" + name + "/stream.flv", "camrelay-bench-cameras"), 0)).toList();
        SelectorLoop viewers = new SelectorLoop(relay.address(), true, LoadOptions.NO_EPOCH, plan, window,
                System.nanoTime());
        Thread thread = new Thread(viewers, "bench-cameras-viewers");
        thread.start();
        Snapshot start;
        Snapshot end;
        try {
            long deadline = System.currentTimeMillis() + VIEWERS_TIMEOUT_MILLIS;
            while (window.settled() < cameras && System.currentTimeMillis() < deadline) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            TimeUnit.SECONDS.sleep(options.warmupSeconds());
            start = snapshot(relay);
            long windowStart = MeasurementWindow.nowMicros();
            long sentStart = System.nanoTime();
            window.open(windowStart, windowStart + options.seconds() * 1_000_000L);
            sent.open(sentStart, sentStart + options.seconds() * 1_000_000_000L);
            TimeUnit.SECONDS.sleep(options.seconds());
            end = snapshot(relay);
            TimeUnit.MILLISECONDS.sleep(GRACE_MILLIS);
        } finally {
            window.stop();
            thread.join();
        }
        return step(options, cameras, names, viewers, sent.counts(), start, end);
    }

    private static Step step(Options options, int cameras, List<String> names, SelectorLoop viewers,
            Map<Long, Integer> sent, Snapshot start, Snapshot end) {
        double elapsed = (end.nanos() - start.nanos()) / 1e9;
        // each connection to the simulator is one camera, unless it reconnected
        long expectedIn = (long) options.seconds() * INPUT_FPS - TOLERANCE_FRAMES;
        long framesIn = sent.values().stream().mapToLong(Integer::longValue).sum();
        long missedIn = sent.values().stream().mapToLong(count -> Math.max(0, expectedIn - count)).sum()
                + Math.max(0, cameras - sent.size()) * expectedIn;
        long expectedOut = (long) options.seconds() * OUTPUT_FPS - TOLERANCE_FRAMES;
        long framesOut = 0;
        long missedOut = 0;
        Map<String, Long> lost = new LinkedHashMap<>();
        long reconnects = 0;
        double encodeMicros = 0;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            CameraCounters before = start.cameras().get(name);
            CameraCounters after = end.cameras().get(name);
            for (String cause : CameraCounters.LOSSES) {
                long count = before == null || after == null ? 0
                        : after.framesLost().get(cause) - before.framesLost().get(cause);
                lost.merge(cause, count, Long::sum);
            }
            reconnects += before == null || after == null ? 0 : after.reconnects() - before.reconnects();
            encodeMicros += after == null ? 0 : after.encodeMicros() / cameras;
            int got = viewers.frames(i);
            framesOut += got;
            missedOut += Math.max(0, expectedOut - got);
        }
        LoadStats stats = viewers.stats();
        return new Step(framesIn, missedIn, framesOut, missedOut, lost, reconnects, stats.failed + stats.dropped,
                stats.firstFailure != null ? stats.firstFailure : stats.firstDrop, stats.lag.percentile(99) / 1000.0,
                encodeMicros, (end.relay().cpuSeconds() - start.relay().cpuSeconds()) * 100 / elapsed,
                end.relay().rssKb() / 1024.0, (end.bench().cpuSeconds() - start.bench().cpuSeconds()) * 100 / elapsed);
    }

    /** Waits until every camera has its FLV stream, which appears with its first frame. */
    private static void awaitStreams(RelayProcess relay, List<String> names) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + STREAMS_TIMEOUT_MILLIS;
        while (true) {
            relay.checkAlive();
            Map<String, CameraCounters> cameras = CameraCounters.parse(relay.get("/api/cameras"));
            long missing = names.stream().filter(name -> !cameras.containsKey(name) || !cameras.get(name).flvStreaming())
                    .count();
            if (missing == 0) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IOException(missing + " of " + names.size() + " cameras have no FLV stream after "
                        + STREAMS_TIMEOUT_MILLIS / 1000 + " s; the end of the relay's log:\n" + relay.logTail(20));
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    private static Snapshot snapshot(RelayProcess relay) throws IOException, InterruptedException {
        long nanos = System.nanoTime();
        ProcessUsage relayUsage = ProcessUsage.of(relay.pid());
        ProcessUsage benchUsage = ProcessUsage.of(ProcessHandle.current().pid());
        return new Snapshot(nanos, relayUsage, benchUsage, CameraCounters.parse(relay.get("/api/cameras")));
    }
}
