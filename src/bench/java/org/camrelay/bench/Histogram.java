package org.camrelay.bench;

/**
 * Counts values in fixed-width buckets, so that percentiles over millions of samples cost constant memory;
 * values above the range fall in the last bucket, while the maximum is kept exactly.
 */
final class Histogram {

    private final long bucketWidth;
    private final long[] counts;
    private long count;
    private long sum;
    private long max;

    Histogram(long bucketWidth, long range) {
        this.bucketWidth = bucketWidth;
        this.counts = new long[(int) (range / bucketWidth) + 1];
    }

    /** Records a value; negatives count as 0. */
    void record(long value) {
        long v = Math.max(0, value);
        counts[(int) Math.min(v / bucketWidth, counts.length - 1)]++;
        count++;
        sum += v;
        max = Math.max(max, v);
    }

    void add(Histogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        max = Math.max(max, other.max);
    }

    long count() {
        return count;
    }

    /** The mean of the values as recorded (negatives as 0); 0 when empty. */
    double mean() {
        return count == 0 ? 0 : (double) sum / count;
    }

    long max() {
        return max;
    }

    /**
     * The value at or below which {@code percent} of the values lie: the upper bound of its bucket, so at
     * most a bucket's width high, never above the maximum, and the maximum beyond the range; 0 when empty.
     */
    long percentile(double percent) {
        long rank = Math.max(1, (long) Math.ceil(count * percent / 100));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i == counts.length - 1 ? max : Math.min((i + 1) * bucketWidth, max);
            }
        }
        return 0;
    }

    /** How many values are above {@code threshold}, to a bucket's width. */
    long countAbove(long threshold) {
        long above = 0;
        for (int i = (int) Math.min(threshold / bucketWidth + 1, counts.length); i < counts.length; i++) {
            above += counts[i];
        }
        return above;
    }
}
