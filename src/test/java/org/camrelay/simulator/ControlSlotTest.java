package org.camrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The control slot's rules on a clock the test turns; time limits apply lazily, without a timer. */
class ControlSlotTest {

    private static final long LIMIT = TimeUnit.SECONDS.toNanos(20);

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final ControlSlot slot = new ControlSlot("slot-test", clock::get, LIMIT);
    private final RecordingClient first = new RecordingClient("first", 0);
    private final RecordingClient second = new RecordingClient("second", 0);
    private final RecordingClient third = new RecordingClient("third", 0);

    @Test
    void grantsAFreeSlotQueuesTheRestAndHandsOverOnRelease() {
        slot.request(first);
        slot.request(second);
        slot.request(second); // already waiting: ignored

        assertThat(first.told()).containsExactly("31:20000");
        assertThat(second.told()).containsExactly("33:20000");

        clock.addAndGet(TimeUnit.SECONDS.toNanos(5));
        assertThat(slot.release(first)).isTrue();

        assertThat(first.told()).containsExactly("32");
        assertThat(second.told()).containsExactly("31:20000");
        assertThat(slot.release(first)).as("neither holding nor waiting").isFalse();
    }

    @Test
    void takesControlAwayWhenTheTimeLimitIsUp() {
        slot.request(first);
        slot.request(second);
        first.told();
        second.told();

        clock.addAndGet(LIMIT - 1);
        assertThat(slot.holds(first)).isTrue();
        clock.addAndGet(1);

        assertThat(slot.holds(first)).isFalse();
        assertThat(first.told()).containsExactly("32");
        assertThat(second.told()).containsExactly("31:20000");
        clock.addAndGet(LIMIT);
        assertThat(slot.holderLabel()).as("taken away even with nobody waiting").isNull();
    }

    @Test
    void retellsWaitersWhenTheirWaitChanges() {
        slot.request(first);
        slot.request(second);
        slot.request(third);
        assertThat(third.told()).containsExactly("33:40000");

        clock.addAndGet(TimeUnit.SECONDS.toNanos(2));
        slot.release(first);

        assertThat(second.told()).containsExactly("33:20000", "31:20000");
        assertThat(third.told()).containsExactly("33:20000");
    }

    @Test
    void aPrivilegedClientTakesControlFromAnEqualOrLowerPriority() {
        RecordingClient privileged = new RecordingClient("privileged", 10);
        RecordingClient lower = new RecordingClient("lower", 5);
        slot.request(first);
        slot.request(privileged);

        assertThat(first.told()).containsExactly("31:20000", "32");
        assertThat(privileged.told()).containsExactly("31:0");

        slot.request(lower);
        assertThat(lower.told()).as("a lower priority waits, for an unknown time").containsExactly("33:0");
        RecordingClient equal = new RecordingClient("equal", 10);
        slot.request(equal);
        assertThat(privileged.told()).containsExactly("32");
        assertThat(equal.told()).containsExactly("31:0");
    }

    @Test
    void disablingTakesControlAndCancelsWaitsThenRefuses() {
        slot.request(first);
        slot.request(second);
        first.told();
        second.told();

        slot.setEnabled(false);
        slot.request(third);

        assertThat(first.told()).containsExactly("32");
        assertThat(second.told()).containsExactly("32");
        assertThat(third.told()).containsExactly("34");
        slot.setEnabled(true);
        slot.request(third);
        assertThat(third.told()).containsExactly("31:20000");
    }

    @Test
    void theSimulatedClientOccupiesTheSlotForAWhile() {
        slot.request(first);
        slot.occupy(TimeUnit.SECONDS.toNanos(3));
        slot.request(second);

        assertThat(first.told()).containsExactly("31:20000", "32");
        assertThat(second.told()).containsExactly("33:3000");
        assertThat(slot.holderLabel()).isEqualTo("simulated client");

        clock.addAndGet(TimeUnit.SECONDS.toNanos(3));
        assertThat(slot.holds(second)).isTrue();
        assertThat(second.told()).containsExactly("31:20000");
    }

    @Test
    void aClientThatLeavesIsNotTold() {
        slot.request(first);
        slot.request(second);
        first.told();
        second.told();

        slot.leave(first);

        assertThat(first.told()).isEmpty();
        assertThat(second.told()).containsExactly("31:20000");
    }

    @Test
    void withoutATimeLimitControlIsKept() {
        ControlSlot unlimited = new ControlSlot("slot-test", clock::get, 0);
        unlimited.request(first);
        unlimited.request(second);
        clock.addAndGet(TimeUnit.DAYS.toNanos(1));

        assertThat(unlimited.holds(first)).isTrue();
        assertThat(first.told()).containsExactly("31:0");
        assertThat(second.told()).containsExactly("33:0");
    }
}
