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
 * <p>{@code java -jar target/camrelay.jar bench load --url http://127.0.0.1:8080/cams/demo/stream.flv
 * --viewers 1000 --seconds 30 [--ramp-per-second 500] [--pid RELAY_PID] [--threads 1]}
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

    public static int run(String[] args) throws InterruptedException {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("bench load: " + e.getMessage());
            err.println(LoadOptions.USAGE);
            return 2;
        }
        try (SocketChannel probe = SocketChannel.open()) {
            probe.socket().connect(options.address(), 2000);
        } catch (IOException e) {
            err.println("bench load: the relay is unreachable at " + options.url().getRawAuthority() + ": " + e.getMessage());
            return 1;
        }
        try {
            measure(options, out);
            return 0;
        } catch (IOException e) {
            err.println("bench load: cannot read the process figures: " + e.getMessage());
            return 1;
        }
    }

    private static void measure(LoadOptions options, PrintStream out) throws InterruptedException, IOException {
        out.printf(Locale.ROOT, "bench load: %s, %d viewers, %d s, ramp %d/s, %d thread(s)%n", options.url(),
                options.viewers(), options.seconds(), options.rampPerSecond(), options.threads());
        MeasurementWindow window = new MeasurementWindow();
        long startNanos = System.nanoTime();
        List<SelectorLoop> loops = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < options.threads(); i++) {
            SelectorLoop loop = new SelectorLoop(options, i, window, startNanos);
            loops.add(loop);
            Thread thread = new Thread(loop, "bench-load-" + i);
            thread.start();
            threads.add(thread);
        }
        long self = ProcessHandle.current().pid();
        ProcessUsage relayStart;
        ProcessUsage selfStart;
        ProcessUsage relayEnd;
        ProcessUsage selfEnd;
        try {
            long settleDeadline = startNanos + options.dueNanos(options.viewers())
                    + TimeUnit.MICROSECONDS.toNanos(SelectorLoop.RESPONSE_TIMEOUT_MICROS) + TimeUnit.SECONDS.toNanos(2);
            while (window.settled() < options.viewers() && System.nanoTime() < settleDeadline) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            relayStart = options.pid() == 0 ? null : ProcessUsage.of(options.pid());
            selfStart = ProcessUsage.of(self);
            long windowStart = MeasurementWindow.nowMicros();
            window.open(windowStart, windowStart + options.seconds() * 1_000_000L);
            TimeUnit.SECONDS.sleep(options.seconds());
            relayEnd = options.pid() == 0 ? null : ProcessUsage.of(options.pid());
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
            loop.viewers().stream().filter(ViewerConnection::streamedWholeWindow).forEach(measured::add);
        }
        report(options, stats, measured, out);
        usage(out, "relay", relayStart, relayEnd, options.seconds());
        usage(out, "generator", selfStart, selfEnd, options.seconds());
    }

    private static void report(LoadOptions options, LoadStats stats, List<ViewerConnection> measured, PrintStream out) {
        int[] frames = measured.stream().mapToInt(ViewerConnection::frames).sorted().toArray();
        int most = frames.length == 0 ? 0 : frames[frames.length - 1];
        long[] missed = measured.stream()
                .mapToLong(viewer -> options.flv() ? most - viewer.frames() : viewer.missed()).toArray();
        line(out, "viewers requested", options.viewers());
        line(out, "viewers connected", stats.connected);
        line(out, "viewers refused", stats.refused);
        line(out, "viewers failed", stats.failed + (stats.firstFailure == null ? "" : " (first: " + stats.firstFailure + ")"));
        line(out, "viewers dropped", stats.dropped + (stats.firstDrop == null ? "" : " (first: " + stats.firstDrop + ")"));
        line(out, "viewers measured", measured.size());
        line(out, "frames total", Arrays.stream(frames).asLongStream().sum());
        line(out, "frames per viewer p50", frames.length == 0 ? 0 : frames[(frames.length - 1) / 2]);
        line(out, "frames per viewer min", frames.length == 0 ? 0 : frames[0]);
        line(out, "missed total", Arrays.stream(missed).sum());
        line(out, "missed per viewer max", Arrays.stream(missed).max().orElse(0));
        if (options.flv()) {
            line(out, "keyframe skips", stats.interval.countAbove((long) (stats.interval.mean() * SKIP_FACTOR)));
        }
        line(out, "lag samples", stats.lag.count());
        for (double percent : new double[] {50, 90, 99}) {
            line(out, "lag p" + (int) percent + " ms", millis(stats.lag.percentile(percent)));
        }
        line(out, "lag max ms", millis(stats.lag.max()));
    }

    private static void usage(PrintStream out, String who, ProcessUsage start, ProcessUsage end, int seconds) {
        if (start == null) {
            return;
        }
        double cpu = end.cpuSeconds() - start.cpuSeconds();
        line(out, who + " cpu s", String.format(Locale.ROOT, "%.2f", cpu));
        line(out, who + " cpu % of one core", String.format(Locale.ROOT, "%.0f", cpu * 100 / seconds));
        line(out, who + " rss MB start", String.format(Locale.ROOT, "%.1f", start.rssKb() / 1024.0));
        line(out, who + " rss MB end", String.format(Locale.ROOT, "%.1f", end.rssKb() / 1024.0));
    }

    private static String millis(long micros) {
        return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
    }

    private static void line(PrintStream out, String key, Object value) {
        out.println(key + ": " + value);
    }
}
