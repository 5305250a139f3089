package org.camrelay.component.framerate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FrameRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;

    @Test
    void sixInFourOutPassesTwoOfEveryThree() {
        List<Boolean> decisions = decide(new FrameRateLimiter(4), frames(6, MINUTE, 0));

        // the frame after the first passes on the start allowance (see the class comment); from there on, 2 of 3
        for (int i = 1; i + 3 <= decisions.size(); i += 3) {
            assertThat(decisions.subList(i, i + 3)).as("frames %d-%d", i, i + 2).containsOnlyOnce(false);
        }
    }

    @Test
    void thirtyInFourOutPassesFourASecondEvenly() {
        List<Long> passed = passed(new FrameRateLimiter(4), frames(30, MINUTE, 0));

        assertThat(passed).hasSizeBetween(240, 241);
        long inputPeriod = SECOND / 30;
        // after the start allowance (see the class comment), one period apart give or take one input frame
        for (int i = 2; i < passed.size(); i++) {
            assertThat(passed.get(i) - passed.get(i - 1)).isBetween(SECOND / 4 - inputPeriod, SECOND / 4 + inputPeriod);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {4, 3, 1.5})
    void passesEveryFrameOfAnInputAtOrBelowTheLimit(double inputFps) {
        for (long seed = 0; seed < 20; seed++) {
            List<Long> input = frames(inputFps, MINUTE, 0.4, new Random(seed));

            assertThat(passed(new FrameRateLimiter(4), input)).as("seed %d", seed).hasSameSizeAs(input);
        }
    }

    @Test
    void passesEveryFrameWhenLateAndEarlyFramesAlternate() {
        long period = SECOND / 4;
        List<Long> input = frames(4, MINUTE, i -> i % 2 == 0 ? period * 2 / 5 : -period * 2 / 5);

        assertThat(passed(new FrameRateLimiter(4), input)).hasSameSizeAs(input);
    }

    @ParameterizedTest
    @CsvSource({"4, 6, 0", "4, 30, 0", "4, 30, 0.4", "4, 4, 0.4", "4, 5, 0.4", "4, 100, 0.4", "6, 7, 0.4", "1, 25, 0.4",
        "2.5, 30, 0.4"})
    void neverPassesMoreThanTheLimitPlusOneInAnySecond(double limit, double inputFps, double jitter) {
        List<Long> passed = passed(new FrameRateLimiter(limit), frames(inputFps, MINUTE, jitter, new Random(7)));

        assertThat(maxInAnySecond(passed)).isLessThanOrEqualTo((int) Math.floor(limit + 0.9) + 1);
        assertThat(passed.size()).isLessThanOrEqualTo((int) (limit * 60) + 1);
    }

    @Test
    void reAnchorsAfterAGapInsteadOfCatchingUp() {
        List<Long> input = new ArrayList<>(frames(30, 10 * SECOND, 0));
        long resume = 20 * SECOND;
        frames(30, 10 * SECOND, 0).forEach(t -> input.add(resume + t));

        List<Long> afterGap = passed(new FrameRateLimiter(4), input).stream().filter(t -> t >= resume).toList();

        assertThat(afterGap.stream().filter(t -> t < resume + SECOND / 4)).hasSizeLessThanOrEqualTo(2);
        assertThat(maxInAnySecond(afterGap)).isLessThanOrEqualTo(5);
        assertThat(afterGap).hasSizeBetween(40, 41);
    }

    @Test
    void worksAcrossTheWrapOfANanoTimeClock() {
        long origin = Long.MAX_VALUE - 5 * SECOND;
        List<Long> input = frames(30, 10 * SECOND, 0).stream().map(t -> origin + t).toList();

        assertThat(passed(new FrameRateLimiter(4), input)).hasSizeBetween(40, 41);
    }

    @Test
    void countsPassedAndDroppedFrames() {
        FrameRateLimiter limiter = new FrameRateLimiter(4);

        List<Boolean> decisions = decide(limiter, frames(30, MINUTE, 0));

        assertThat(limiter.passed()).isEqualTo(decisions.stream().filter(pass -> pass).count());
        assertThat(limiter.dropped()).isEqualTo(decisions.stream().filter(pass -> !pass).count());
        assertThat(limiter.passed() + limiter.dropped()).isEqualTo(30 * 60);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsANonPositiveRate(double fps) {
        assertThatIllegalArgumentException().isThrownBy(() -> new FrameRateLimiter(fps));
    }

    /** Frame times at {@code fps} for {@code duration}, each moved by up to {@code jitter} of a period either way. */
    private static List<Long> frames(double fps, long duration, double jitter, Random random) {
        long period = Math.round(SECOND / fps);
        return frames(fps, duration, i -> Math.round((random.nextDouble() * 2 - 1) * jitter * period));
    }

    private static List<Long> frames(double fps, long duration, double jitter) {
        return frames(fps, duration, jitter, new Random(1));
    }

    private static List<Long> frames(double fps, long duration, LongUnaryOperator offsetOfFrame) {
        List<Long> times = new ArrayList<>();
        for (long i = 0; Math.round(i * SECOND / fps) < duration; i++) {
            times.add(Math.round(i * SECOND / fps) + offsetOfFrame.applyAsLong(i));
        }
        return times;
    }

    private static List<Boolean> decide(FrameRateLimiter limiter, List<Long> times) {
        return times.stream().map(limiter::accept).toList();
    }

    private static List<Long> passed(FrameRateLimiter limiter, List<Long> times) {
        return times.stream().filter(limiter::accept).toList();
    }

    /** The most timestamps in any window [t, t + 1 s). */
    private static int maxInAnySecond(List<Long> times) {
        int max = 0;
        for (int start = 0, end = 0; start < times.size(); start++) {
            while (end < times.size() && times.get(end) - times.get(start) < SECOND) {
                end++;
            }
            max = Math.max(max, end - start);
        }
        return max;
    }
}
