package org.camrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrameSourceTest {

    private static final FrameSize QVGA = new FrameSize(320, 240);
    private static final long TICK_NANOS = 100_000_000L; // 10 fps

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final FrameSource source = new FrameSource(10, clock::get);

    @AfterEach
    void close() {
        source.close();
    }

    @Test
    void rendersOncePerTickAndSharesThePicture() {
        FrameSource.Frame first = source.current(QVGA);
        clock.addAndGet(TICK_NANOS - 1);
        FrameSource.Frame sameTick = source.current(QVGA);

        assertThat(first.number()).isZero();
        assertThat(sameTick).isSameAs(first);
    }

    @Test
    void numbersFramesByTickSinceRestart() {
        clock.addAndGet(3 * TICK_NANOS);
        FrameSource.Frame third = source.current(QVGA);
        clock.addAndGet(TICK_NANOS);
        FrameSource.Frame fourth = source.current(QVGA);
        source.restart();
        FrameSource.Frame afterRestart = source.current(QVGA);

        assertThat(third.number()).isEqualTo(3);
        assertThat(fourth.number()).isEqualTo(4);
        assertThat(fourth.jpeg()).isNotEqualTo(third.jpeg());
        assertThat(afterRestart.number()).isZero();
    }

    @Test
    void keepsOnePicturePerSize() {
        FrameSource.Frame large = source.current(QVGA);
        FrameSource.Frame small = source.current(new FrameSize(160, 120));

        assertThat(Jpegs.decode(small.jpeg()).getWidth()).isEqualTo(160);
        assertThat(source.current(QVGA)).isSameAs(large);
    }

    @Test
    void tickStartsLieOnTheTickGrid() {
        clock.addAndGet(2 * TICK_NANOS + 5);

        assertThat(source.currentTick()).isEqualTo(2);
        assertThat(source.nanoTime() - source.tickStart(2)).isEqualTo(5);
    }
}
