package org.camrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void percentilesAreAtMostABucketHigh() {
        Histogram histogram = new Histogram(100, 10_000);
        for (int value = 1; value <= 1000; value++) {
            histogram.record(value * 10L);
        }
        histogram.record(50_000);
        assertThat(histogram.percentile(50)).isEqualTo(5100);
        assertThat(histogram.percentile(99)).isEqualTo(10_000);
        assertThat(histogram.percentile(100)).isEqualTo(50_000);
        assertThat(histogram.max()).isEqualTo(50_000);
        assertThat(histogram.countAbove(9950)).isEqualTo(2);
        assertThat(new Histogram(100, 10_000).percentile(99)).isZero();
    }
}
