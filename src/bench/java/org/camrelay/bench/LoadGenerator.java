package org.camrelay.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Opens many HTTP-FLV or MJPEG viewers of one relay stream, from a few selector threads (no thread per
 * connection), and reports per-frame delivery lag, frames received and missed per viewer, refusals and the
 * relay's CPU time and memory over a measured window.
 *
 * <p>{@code java -jar target/camrelay-bench.jar load --url http://127.0.0.1:8080/cams/demo/stream.flv
 * --viewers 1000 --seconds 30 [--ramp-per-second 500] [--pid RELAY_PID] [--threads 1] [--epoch EPOCH_MILLIS]}
 * ({@code --epoch} dates FLV tags for a server that sends no X-Stream-Epoch, such as {@code bench peer}'s;
 * {@code --help} lists the options).
 * Other benchmarks call {@link #measure(LoadOptions)} and compare the {@link LoadResult}s.
 *
 * <p>Viewers connect at the ramp's rate; the window of {@code --seconds} opens once each has streamed,
 * been refused (HTTP 503) or failed. The frames the relay received in the window count, for viewers that
 * streamed through the whole window; they have 2 s after it to arrive, and the relay's CPU time and memory
 * are those of the window. Lag
 * is from the relay receiving a frame from the camera (MJPEG's X-Received-At; FLV's X-Stream-Epoch plus
 * the tag's timestamp, both in epoch milliseconds) to the frame's last byte arriving, leaving out each
 * viewer's first 2 s; the relay stamps whole milliseconds, so lags read up to 1 ms high. MJPEG's missed
 * frames are gaps in X-Frame-Seq; FLV has no numbers, so a viewer missed what it got fewer than the
 * viewer that got the most, and a keyframe skip is a gap between consecutive video tags over twice their
 * mean interval.
 */
public final class LoadGenerator {

    /**
     * A keyframe skip is a gap over this many mean frame intervals. Not 1.5 times the median: a frame-rate
     * limiter spaces frames unevenly (a 6 fps camera limited to 4 fps gives gaps of 167 and 333 ms, median
     * 167), and any such spacing stays under twice the mean, while a skip drops a viewer's whole queue.
     */
    private static final double SKIP_FACTOR = 2;

    /** How long after the window viewers keep reading, for the window's last frames to reach them all. */
    private static final long GRACE_MILLIS = 2000;

    private LoadGenerator() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        return CommandLine.run("load", args, out, err, LoadOptions::read, options -> load(options, out, err));
    }

    private static int load(LoadOptions options, PrintStream out, PrintStream err) throws InterruptedException {
        try (SocketChannel probe = SocketChannel.open()) {
            probe.socket().connect(options.address(), 2000);
        } catch (IOException e) {
            err.println("bench load: the relay is unreachable at " + options.url().getRawAuthority() + ": " + e.getMessage());
            return 1;
        }
        out.printf(Locale.ROOT, "bench load: %s, %d viewers, %d s, ramp %d/s, %d thread(s)%n", options.url(),
                options.viewers(), options.seconds(), options.rampPerSecond(), options.threads());
        try {
            print(measure(options), out);
            return 0;
        } catch (IOException e) {
            err.println("bench load: cannot read the process figures: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Runs the viewers of {@code options} and returns what they measured; the caller has checked that the
     * server is reachable. An {@link IOException} means the process figures could not be read.
     */
    static LoadResult measure(LoadOptions options) throws InterruptedException, IOException {
        MeasurementWindow window = new MeasurementWindow();
        long startNanos = System.nanoTime();
        List<SelectorLoop> loops = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        byte[] request = options.request();
        for (int i = 0; i < options.threads(); i++) {
            // Each thread opens every threads-th viewer.
            List<SelectorLoop.Planned> plan = new ArrayList<>();
            for (int viewer = i; viewer < options.viewers(); viewer += options.threads()) {
                plan.add(new SelectorLoop.Planned(request, options.dueNanos(viewer)));
            }
            SelectorLoop loop = new SelectorLoop(options.address(), options.flv(), options.epoch(), plan, window,
                    startNanos);
            loops.add(loop);
            Thread thread = new Thread(loop, "bench-load-" + i);
            thread.start();
            threads.add(thread);
        }
        long self = ProcessHandle.current().pid();
        ProcessUsage serverStart;
        ProcessUsage selfStart;
        ProcessUsage serverEnd;
        ProcessUsage selfEnd;
        try {
            long settleDeadline = startNanos + options.dueNanos(options.viewers())
                    + TimeUnit.MICROSECONDS.toNanos(SelectorLoop.RESPONSE_TIMEOUT_MICROS) + TimeUnit.SECONDS.toNanos(2);
            while (window.settled() < options.viewers() && System.nanoTime() < settleDeadline) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            serverStart = options.pid() == 0 ? null : ProcessUsage.of(options.pid());
            selfStart = ProcessUsage.of(self);
            long windowStart = MeasurementWindow.nowMicros();
            window.open(windowStart, windowStart + options.seconds() * 1_000_000L);
            TimeUnit.SECONDS.sleep(options.seconds());
            serverEnd = options.pid() == 0 ? null : ProcessUsage.of(options.pid());
            selfEnd = ProcessUsage.of(self);
            TimeUnit.MILLISECONDS.sleep(GRACE_MILLIS);
        } finally {
            window.stop();
            for (Thread thread : threads) {
                thread.join();
            }
        }
        LoadStats stats = new LoadStats();
        List<ViewerConnection> measured = new ArrayList<>();
        for (SelectorLoop loop : loops) {
            stats.add(loop.stats());
            loop.viewers().filter(ViewerConnection::streamedWholeWindow).forEach(measured::add);
        }
        int[] frames = measured.stream().mapToInt(ViewerConnection::frames).sorted().toArray();
        int most = frames.length == 0 ? 0 : frames[frames.length - 1];
        long[] missed = measured.stream()
                .mapToLong(viewer -> options.flv() ? most - viewer.frames() : viewer.missed()).toArray();
        return new LoadResult(options.url().toString(), options.flv(), options.seconds(), options.viewers(),
                stats.connected, stats.refused, stats.failed, stats.firstFailure, stats.dropped, stats.firstDrop,
                measured.size(), Arrays.stream(frames).asLongStream().sum(),
                frames.length == 0 ? 0 : frames[(frames.length - 1) / 2], frames.length == 0 ? 0 : frames[0],
                Arrays.stream(missed).sum(), Arrays.stream(missed).max().orElse(0),
                options.flv() ? stats.interval.countAbove((long) (stats.interval.mean() * SKIP_FACTOR)) : -1,
                stats.lag.count(), stats.lag.percentile(50), stats.lag.percentile(90), stats.lag.percentile(99),
                stats.lag.max(), stats.pass.percentile(99), stats.pass.max(), serverStart == null ? null : LoadResult.Usage.between(serverStart, serverEnd, options.seconds()),
                LoadResult.Usage.between(selfStart, selfEnd, options.seconds()));
    }

    private static void print(LoadResult result, PrintStream out) {
        line(out, "viewers requested", result.requested());
        line(out, "viewers connected", result.connected());
        line(out, "viewers refused", result.refused());
        line(out, "viewers failed", result.failed() + (result.firstFailure() == null ? "" : " (first: " + result.firstFailure() + ")"));
        line(out, "viewers dropped", result.dropped() + (result.firstDrop() == null ? "" : " (first: " + result.firstDrop() + ")"));
        line(out, "viewers measured", result.measured());
        line(out, "frames total", result.framesTotal());
        line(out, "frames per viewer p50", result.framesPerViewerP50());
        line(out, "frames per viewer min", result.framesPerViewerMin());
        line(out, "missed total", result.missedTotal());
        line(out, "missed per viewer max", result.missedPerViewerMax());
        if (result.flv()) {
            line(out, "keyframe skips", result.keyframeSkips());
        }
        line(out, "lag samples", result.lagSamples());
        line(out, "lag p50 ms", LoadResult.millis(result.lagP50Micros()));
        line(out, "lag p90 ms", LoadResult.millis(result.lagP90Micros()));
        line(out, "lag p99 ms", LoadResult.millis(result.lagP99Micros()));
        line(out, "lag max ms", LoadResult.millis(result.lagMaxMicros()));
        usage(out, "relay", result.server());
        usage(out, "generator", result.generator());
    }

    private static void usage(PrintStream out, String who, LoadResult.Usage usage) {
        if (usage == null) {
            return;
        }
        line(out, who + " cpu s", String.format(Locale.ROOT, "%.2f", usage.cpuSeconds()));
        line(out, who + " cpu % of one core", String.format(Locale.ROOT, "%.0f", usage.cpuPercent()));
        line(out, who + " rss MB start", String.format(Locale.ROOT, "%.1f", usage.rssStartKb() / 1024.0));
        line(out, who + " rss MB end", String.format(Locale.ROOT, "%.1f", usage.rssEndKb() / 1024.0));
    }

    private static void line(PrintStream out, String key, Object value) {
        out.println(key + ": " + value);
    }
}
