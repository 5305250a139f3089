package org.camrelay.component.vbc10;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    @Test
    void doublesUpToTheMaximumAndStartsOverAfterReset() {
        ReconnectBackoff backoff = new ReconnectBackoff(1000, 30000, 0.2, () -> 0.5);

        assertThat(delays(backoff, 7)).containsExactly(1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L);
        backoff.reset();
        assertThat(backoff.nextDelay()).isEqualTo(1000);
    }

    @Test
    void spreadsEachDelayByTheJitterWithoutPassingTheMaximum() {
        assertThat(new ReconnectBackoff(1000, 30000, 0.2, () -> 0.0).nextDelay()).isEqualTo(800);
        assertThat(new ReconnectBackoff(1000, 30000, 0.2, () -> 0.999_999).nextDelay()).isEqualTo(1200);
        assertThat(new ReconnectBackoff(30000, 30000, 0.2, () -> 0.999_999).nextDelay()).isEqualTo(30000);
        assertThat(new ReconnectBackoff(1000, 30000, 0, () -> 0.0).nextDelay()).isEqualTo(1000);
    }

    @Test
    void staysWithinTheJitterRangeWithRealRandomness() {
        ReconnectBackoff backoff = new ReconnectBackoff(1000, 1000, 0.2);
        for (long delay : delays(backoff, 200)) {
            assertThat(delay).isBetween(800L, 1000L);
        }
    }

    private static List<Long> delays(ReconnectBackoff backoff, int count) {
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            delays.add(backoff.nextDelay());
        }
        return delays;
    }
}
