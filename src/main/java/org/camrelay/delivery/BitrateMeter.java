package org.camrelay.delivery;

/** The bitrate of a stream over the last few seconds, from the bytes published into it. */
final class BitrateMeter {

    private static final int BUCKETS = 5;
    private static final long BUCKET_NANOS = 1_000_000_000L;

    private final long[] bytes = new long[BUCKETS];
    private long currentBucket = Long.MIN_VALUE;

    synchronized void record(int size, long nowNanos) {
        advance(nowNanos);
        bytes[(int) Math.floorMod(currentBucket, BUCKETS)] += size;
    }

    /** Bits per second over the last {@value #BUCKETS} whole seconds. */
    synchronized long bitsPerSecond(long nowNanos) {
        advance(nowNanos);
        long total = 0;
        for (int i = 1; i <= BUCKETS - 1; i++) {
            total += bytes[(int) Math.floorMod(currentBucket - i, BUCKETS)];
        }
        return total * 8 / (BUCKETS - 1);
    }

    private void advance(long nowNanos) {
        long bucket = Math.floorDiv(nowNanos, BUCKET_NANOS);
        if (currentBucket == Long.MIN_VALUE || bucket - currentBucket >= BUCKETS) {
            java.util.Arrays.fill(bytes, 0);
        } else {
            for (long b = currentBucket + 1; b <= bucket; b++) {
                bytes[(int) Math.floorMod(b, BUCKETS)] = 0;
            }
        }
        currentBucket = Math.max(currentBucket, bucket);
    }
}
