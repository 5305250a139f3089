package org.camrelay.bench;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What one run of the load generator measured, for {@code bench load} to print and other benchmarks to
 * compare. Lags are in microseconds; FLV's missed frames are each viewer's shortfall against the viewer that
 * got the most, MJPEG's are gaps in X-Frame-Seq.
 *
 * @param keyframeSkips FLV gaps over twice the mean frame interval; -1 for MJPEG, which has none
 * @param passMaxMicros the longest pass of a generator thread over its ready viewers: frames arriving
 *                      during a pass are stamped at its end, so lags can read up to this much high
 * @param server        the CPU and memory of the process given by {@code --pid}; null without one
 * @param generator     the load generator's own process
 */
record LoadResult(String url, boolean flv, int seconds, int requested, int connected, int refused, int failed,
        String firstFailure, int dropped, String firstDrop, int measured, long framesTotal, int framesPerViewerP50,
        int framesPerViewerMin, long missedTotal, long missedPerViewerMax, long keyframeSkips, long lagSamples,
        long lagP50Micros, long lagP90Micros, long lagP99Micros, long lagMaxMicros, long passP99Micros, long passMaxMicros,
        Usage server, Usage generator) {

    /** A process's CPU time and resident memory over the measured window. */
    record Usage(double cpuSeconds, long rssStartKb, long rssEndKb, int seconds) {

        static Usage between(ProcessUsage start, ProcessUsage end, int seconds) {
            return new Usage(end.cpuSeconds() - start.cpuSeconds(), start.rssKb(), end.rssKb(), seconds);
        }

        /** A process's usage over the next {@code seconds}: a server's cost with no viewers, to subtract. */
        static Usage over(long pid, int seconds) throws IOException, InterruptedException {
            ProcessUsage start = ProcessUsage.of(pid);
            TimeUnit.SECONDS.sleep(seconds);
            return between(start, ProcessUsage.of(pid), seconds);
        }

        /** Percent of one core: 200 is both cores of a two-core machine. */
        double cpuPercent() {
            return cpuSeconds * 100 / seconds;
        }

        double rssEndMb() {
            return rssEndKb / 1024.0;
        }
    }

    static String millis(long micros) {
        return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
    }
}
