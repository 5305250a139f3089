package org.camrelay.bench;

/** What one selector thread's viewers saw; merged across threads at the end of the run. */
final class LoadStats {

    /** Lag in microseconds, in 0.1 ms buckets up to 30 s. */
    final Histogram lag = new Histogram(100, 30_000_000);
    /** Microseconds each pass of a selector thread over its ready viewers took, in the window. */
    final Histogram pass = new Histogram(100, 30_000_000);
    /** Milliseconds between consecutive frames' source times, for FLV's keyframe skips. */
    final Histogram interval = new Histogram(1, 60_000);
    int connected;
    int refused;
    int failed;
    int dropped;
    String firstFailure;
    String firstDrop;

    void fail(String reason) {
        failed++;
        firstFailure = firstFailure == null ? reason : firstFailure;
    }

    void drop(String reason) {
        dropped++;
        firstDrop = firstDrop == null ? reason : firstDrop;
    }

    void add(LoadStats other) {
        lag.add(other.lag);
        interval.add(other.interval);
        pass.add(other.pass);
        connected += other.connected;
        refused += other.refused;
        failed += other.failed;
        dropped += other.dropped;
        firstFailure = firstFailure == null ? other.firstFailure : firstFailure;
        firstDrop = firstDrop == null ? other.firstDrop : firstDrop;
    }
}
