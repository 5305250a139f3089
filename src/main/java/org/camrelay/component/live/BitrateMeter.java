package org.camrelay.component.live;

import java.util.Arrays;

/** The bitrate of a stream over its last few whole seconds, from the bytes published into it. */
final class BitrateMeter {

    private static final int BUCKETS = 5;
    private static final long BUCKET_NANOS = 1_000_000_000L;

    private final long[] bytes = new long[BUCKETS];
    private boolean started;
    private long firstBucket;
    private long currentBucket;

    synchronized void record(int size, long nowNanos) {
        advance(nowNanos);
        bytes[(int) Math.floorMod(currentBucket, BUCKETS)] += size;
    }

    /**
     * Bits per second over the whole seconds before the current one, up to {@value #BUCKETS} - 1 of them,
     * leaving out the second of the first record, which the stream only partly filled; 0 until there is one.
     */
    synchronized long bitsPerSecond(long nowNanos) {
        if (!started) {
            return 0;
        }
        advance(nowNanos);
        long seconds = Math.min(BUCKETS - 1, currentBucket - firstBucket - 1);
        if (seconds <= 0) {
            return 0;
        }
        long total = 0;
        for (int i = 1; i <= seconds; i++) {
            total += bytes[(int) Math.floorMod(currentBucket - i, BUCKETS)];
        }
        return total * 8 / seconds;
    }

    private void advance(long nowNanos) {
        long bucket = Math.floorDiv(nowNanos, BUCKET_NANOS);
        if (!started) {
            started = true;
            firstBucket = bucket;
            currentBucket = bucket;
            return;
        }
        if (bucket - currentBucket >= BUCKETS) {
            Arrays.fill(bytes, 0);
        } else {
            for (long b = currentBucket + 1; b <= bucket; b++) {
                bytes[(int) Math.floorMod(b, BUCKETS)] = 0;
            }
        }
        currentBucket = Math.max(currentBucket, bucket);
    }
}
