package org.camrelay.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints load runs as the rows of one table, so that steps, streams and servers compare side by side.
 * Frames are per viewer (the fewest and the median); missed are frames in total, FLV's counted against the
 * viewer that got the most; CPU is percent of one core over the window, RSS at its end; "gen" is the load
 * generator itself, which shares the machine's cores with the server, and "gen pass" the p99 and longest
 * pass of a generator thread over its ready viewers, by which a lag can read high.
 */
final class ResultTable {

    private static final String FORMAT = "%-22s %7s %7s %7s %6s %7s %13s %7s %5s %7s %7s %7s %6s %7s %6s %11s%n";

    private final PrintStream out;

    ResultTable(PrintStream out) {
        this.out = out;
    }

    void header() {
        out.printf(Locale.ROOT, FORMAT, "run", "viewers", "conn", "refused", "failed", "dropped", "frames min/50",
                "missed", "skips", "p50 ms", "p99 ms", "max ms", "cpu %", "rss MB", "gen %", "gen pass ms");
    }

    void row(String label, LoadResult result) {
        LoadResult.Usage server = result.server();
        out.printf(Locale.ROOT, FORMAT, label, result.requested(), result.connected(), result.refused(), result.failed(),
                result.dropped(), result.framesPerViewerMin() + "/" + result.framesPerViewerP50(), result.missedTotal(),
                result.keyframeSkips() < 0 ? "-" : Long.toString(result.keyframeSkips()),
                LoadResult.millis(result.lagP50Micros()), LoadResult.millis(result.lagP99Micros()),
                LoadResult.millis(result.lagMaxMicros()),
                server == null ? "-" : String.format(Locale.ROOT, "%.0f", server.cpuPercent()),
                server == null ? "-" : String.format(Locale.ROOT, "%.0f", server.rssEndMb()),
                String.format(Locale.ROOT, "%.0f", result.generator().cpuPercent()),
                LoadResult.millis(result.passP99Micros()) + "/" + LoadResult.millis(result.passMaxMicros()));
        out.flush();
    }

    /** The first failure or drop of a row, which says why its viewers did not all stream; null if none. */
    static String firstProblem(LoadResult result) {
        return result.firstFailure() != null ? "failed: " + result.firstFailure()
                : result.firstDrop() != null ? "dropped: " + result.firstDrop() : null;
    }
}
