package org.camrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The head's motion on a clock the test turns; rest notices come from {@link CameraHead#update()}. */
class CameraHeadTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong clock = new AtomicLong(5 * SECOND);
    private final CameraHead head = new CameraHead("head-test", clock::get, HeadLimits.VB_C10,
            CameraHead.Speeds.VB_C10, 0);
    private final RecordingClient mover = new RecordingClient("mover", 0);
    private final List<String> stops = new ArrayList<>();

    CameraHeadTest() {
        head.addListener((position, who) -> stops.add(position + " by " + (who == null ? "nobody" : who.label())));
    }

    @Test
    void startsAtHomeAndMovesAtFiniteSpeeds() {
        assertThat(head.position()).isEqualTo(new HeadPosition(0, 0, 4750, false));

        assertThat(head.move(mover, abs(9000), abs(-3500), abs(2525), null)).isNull();
        clock.addAndGet(SECOND / 2);

        assertThat(head.position()).isEqualTo(new HeadPosition(4500, -3500, 3638, false));
        assertThat(head.isMoving()).isTrue();
        clock.addAndGet(SECOND / 2);
        assertThat(head.position()).isEqualTo(new HeadPosition(9000, -3500, 2525, false));
        assertThat(head.isMoving()).isFalse();
    }

    @Test
    void tellsTheListenersOnceWhenTheHeadComesToRest() {
        head.move(mover, abs(900), null, null, null);
        head.update();
        assertThat(stops).isEmpty();

        clock.addAndGet(SECOND / 10);
        head.update();
        head.update();

        assertThat(stops).containsExactly("pan 9.00, tilt 0.00, zoom 47.50 degrees, back light off by mover");
    }

    @Test
    void aCommandThatLeavesTheHeadAtRestTellsAtOnce() {
        head.move(null, null, null, null, true);

        assertThat(stops).containsExactly("pan 0.00, tilt 0.00, zoom 47.50 degrees, back light on by nobody");
    }

    @Test
    void relativeMovesStartFromWhereTheHeadIsAndSlowerSpeedsAreKept() {
        head.move(mover, abs(1000), null, null, null);
        clock.addAndGet(SECOND);
        head.move(mover, new CameraHead.AxisMove(-3000, true, 1000), null, null, null);
        clock.addAndGet(SECOND);

        assertThat(head.position().pan()).isEqualTo(0);
        clock.addAndGet(SECOND);
        assertThat(head.position().pan()).isEqualTo(-1000);
        clock.addAndGet(SECOND);
        assertThat(head.position().pan()).isEqualTo(-2000);
    }

    @Test
    void refusesTargetsOutsideTheControlLimitsAndMovesNothing() {
        head.setLimits(new HeadLimits(-5000, 5000, -2000, 0, 1000, 4750));

        assertThat(head.move(mover, abs(4000), abs(100), null, null)).isEqualTo("tilt");
        assertThat(head.move(mover, new CameraHead.AxisMove(5001, true, 0), null, null, null)).isEqualTo("pan");
        assertThat(head.move(mover, null, null, abs(900), null)).isEqualTo("zoom");
        clock.addAndGet(SECOND);

        assertThat(head.position()).isEqualTo(HeadPosition.HOME);
        assertThat(stops).isEmpty();
    }

    @Test
    void continuousMovesStopAtTheControlLimit() {
        head.setLimits(new HeadLimits(-5000, 5000, -2000, 0, 1000, 4750));
        head.moveContinuously(mover, 1, -1, -1, head.maxSpeeds());
        clock.addAndGet(10 * SECOND);
        head.update();

        assertThat(head.position()).isEqualTo(new HeadPosition(5000, -2000, 1000, false));
        assertThat(stops).hasSize(1);
    }

    @Test
    void aStopHaltsWhereTheHeadIs() {
        head.moveContinuously(mover, -1, null, null, head.maxSpeeds());
        clock.addAndGet(SECOND / 10);
        head.moveContinuously(mover, 0, null, null, head.maxSpeeds());
        clock.addAndGet(SECOND);

        assertThat(head.position().pan()).isEqualTo(-900);
        assertThat(stops).containsExactly("pan -9.00, tilt 0.00, zoom 47.50 degrees, back light off by mover");
    }

    @Test
    void controlLimitsLieWithinTheMechanicalEnds() {
        assertThatThrownBy(() -> head.setLimits(new HeadLimits(-18000, 0, -100, 0, 300, 4750)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HeadLimits(100, 0, 0, 0, 300, 400)).isInstanceOf(IllegalArgumentException.class);
        assertThat(head.ends()).isEqualTo(new HeadLimits(-17000, 17000, -9000, 1000, 300, 4750));
    }

    private static CameraHead.AxisMove abs(int value) {
        return new CameraHead.AxisMove(value, false, 0);
    }
}
