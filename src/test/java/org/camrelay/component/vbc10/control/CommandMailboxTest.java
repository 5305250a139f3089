package org.camrelay.component.vbc10.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.camrelay.component.vbc10.control.PtzCommand.Move;
import org.camrelay.component.vbc10.control.PtzCommand.PanTilt;
import org.camrelay.component.vbc10.control.PtzCommand.PanTiltMove;
import org.camrelay.component.vbc10.control.PtzCommand.Zoom;
import org.camrelay.component.vbc10.control.PtzCommand.ZoomMove;
import org.camrelay.component.vbc10.control.Queued.Axis;
import org.camrelay.component.vbc10.control.Queued.AxisMove;
import org.junit.jupiter.api.Test;

/** The mailbox on its own, with a camera whose answers the test gives by hand. */
class CommandMailboxTest {

    private static final PtzState STATE = new PtzState(true, null, null, CameraGrant.none(), 0, 0, 0);

    /** What the camera got, with the answer the test gives it. */
    private final List<Queued> sent = new ArrayList<>();
    private final List<CompletableFuture<PtzState>> answers = new ArrayList<>();
    private boolean gateOpen = true;
    private int changes;
    private final CommandMailbox mailbox = new CommandMailbox(command -> {
        sent.add(command);
        CompletableFuture<PtzState> answer = new CompletableFuture<>();
        answers.add(answer);
        return answer;
    }, () -> gateOpen, () -> changes++);

    private void answerLast() {
        answers.get(answers.size() - 1).complete(STATE);
    }

    @Test
    void sendsAtOnceWhenTheCameraIsFree() {
        CompletableFuture<PtzState> result = mailbox.submit(Queued.of(Move.absolute(10.0, null, null)));

        assertThat(sent).containsExactly(new AxisMove(new Axis(10, false), null, null));
        assertThat(result).isNotDone();
        answerLast();
        assertThat(result).isCompletedWithValue(STATE);
        assertThat(mailbox.sent()).isEqualTo(1);
        assertThat(mailbox.coalesced()).isZero();
    }

    @Test
    void aBurstWhileTheCameraIsBusyReachesItAsOneCommandPerKind() {
        List<CompletableFuture<PtzState>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            results.add(mailbox.submit(Queued.of(Move.absolute((double) i, null, null))));
        }

        assertThat(sent).hasSize(1); // the first, still with the camera
        answerLast();
        assertThat(sent).hasSize(2).last().isEqualTo(new AxisMove(new Axis(199, false), null, null));
        answerLast();
        assertThat(sent).hasSize(2);
        assertThat(results).allMatch(result -> result.isDone() && !result.isCompletedExceptionally());
        assertThat(mailbox.sent()).isEqualTo(2);
        assertThat(mailbox.coalesced()).isEqualTo(198);
        assertThat(changes).isPositive();
    }

    @Test
    void newerAbsoluteAxesReplaceOlderOnesAndOthersStay() {
        occupy();
        mailbox.submit(Queued.of(Move.absolute(10.0, 5.0, null)));
        mailbox.submit(Queued.of(Move.absolute(20.0, null, 30.0)));

        assertThat(mailbox.waiting(Queued.Kind.MOVE))
                .isEqualTo(new AxisMove(new Axis(20, false), new Axis(5, false), new Axis(30, false)));
    }

    @Test
    void relativeMovesAddUp() {
        occupy();
        mailbox.submit(Queued.of(Move.relative(1.0, null, null)));
        mailbox.submit(Queued.of(Move.relative(2.5, -1.0, null)));
        mailbox.submit(Queued.of(Move.relative(-0.5, null, 4.0)));

        assertThat(mailbox.waiting(Queued.Kind.MOVE))
                .isEqualTo(new AxisMove(new Axis(3, true), new Axis(-1, true), new Axis(4, true)));
    }

    @Test
    void aRelativeMoveAdjustsAWaitingAbsoluteOneAndAnAbsoluteOneReplacesARelativeOne() {
        occupy();
        mailbox.submit(Queued.of(Move.absolute(10.0, 5.0, null)));
        mailbox.submit(Queued.of(Move.relative(2.0, null, 1.0)));

        AxisMove merged = (AxisMove) mailbox.waiting(Queued.Kind.MOVE);
        assertThat(merged).isEqualTo(new AxisMove(new Axis(12, false), new Axis(5, false), new Axis(1, true)));
        assertThat(merged.target(new PtzPosition(0, 0, 40, false))).isEqualTo(new PtzPosition(12, 5, 41, false));

        mailbox.submit(Queued.of(Move.absolute(null, null, 20.0)));
        assertThat(mailbox.waiting(Queued.Kind.MOVE))
                .isEqualTo(new AxisMove(new Axis(12, false), new Axis(5, false), new Axis(20, false)));
    }

    @Test
    void theLatestContinuousDirectionWins() {
        occupy();
        mailbox.submit(Queued.of(new PanTiltMove(PanTilt.LEFT)));
        mailbox.submit(Queued.of(new PanTiltMove(PanTilt.UP_RIGHT)));
        mailbox.submit(Queued.of(new ZoomMove(Zoom.TELE)));
        mailbox.submit(Queued.of(new PanTiltMove(PanTilt.STOP)));
        mailbox.submit(Queued.of(new ZoomMove(Zoom.STOP)));
        mailbox.submit(Queued.of(new PtzCommand.BackLight(true)));
        mailbox.submit(Queued.of(new PtzCommand.BackLight(false)));

        assertThat(mailbox.waiting(Queued.Kind.PAN_TILT)).isEqualTo(new Queued.Plain(new PanTiltMove(PanTilt.STOP)));
        assertThat(mailbox.waiting(Queued.Kind.ZOOM)).isEqualTo(new Queued.Plain(new ZoomMove(Zoom.STOP)));
        assertThat(mailbox.waiting(Queued.Kind.BACK_LIGHT)).isEqualTo(new Queued.Plain(new PtzCommand.BackLight(false)));
        assertThat(mailbox.coalesced()).isEqualTo(4);
    }

    @Test
    void kindsGoOutInTheOrderTheyFirstArrived() {
        occupy();
        mailbox.submit(Queued.of(new ZoomMove(Zoom.WIDE)));
        mailbox.submit(Queued.of(Move.absolute(1.0, null, null)));
        mailbox.submit(Queued.of(new PanTiltMove(PanTilt.LEFT)));
        mailbox.submit(Queued.of(new ZoomMove(Zoom.STOP))); // merges, keeps the zoom's place
        mailbox.submit(Queued.of(new PtzCommand.BackLight(true)));

        for (int i = 0; i < 5; i++) {
            answerLast();
        }
        assertThat(sent).extracting(Queued::kind).containsExactly(Queued.Kind.MOVE, Queued.Kind.ZOOM,
                Queued.Kind.MOVE, Queued.Kind.PAN_TILT, Queued.Kind.BACK_LIGHT);
        assertThat(sent.get(1)).isEqualTo(new Queued.Plain(new ZoomMove(Zoom.STOP)));
    }

    @Test
    void everyMergedCommandCompletesWithTheOutcomeOfTheOneItWasMergedInto() {
        occupy();
        CompletableFuture<PtzState> older = mailbox.submit(Queued.of(Move.relative(1.0, null, null)));
        CompletableFuture<PtzState> newer = mailbox.submit(Queued.of(Move.relative(1.0, null, null)));
        answerLast();
        PtzException refusal = new PtzException(PtzException.Reason.CAMERA_REFUSED, "no camera control right");

        answers.get(1).completeExceptionally(refusal);

        assertThatThrownBy(older::join).isInstanceOf(CompletionException.class).hasCause(refusal);
        assertThatThrownBy(newer::join).hasCause(refusal);
        assertThat(mailbox.refusals()).isEqualTo(1);
        assertThat(mailbox.sent()).isEqualTo(2);
    }

    @Test
    void commandsWaitWhileTheGateIsShutAndGoOutWhenItOpens() {
        gateOpen = false;
        CompletableFuture<PtzState> result = mailbox.submit(Queued.of(new PanTiltMove(PanTilt.LEFT)));
        mailbox.submit(Queued.of(new PanTiltMove(PanTilt.RIGHT)));

        assertThat(sent).isEmpty();
        gateOpen = true;
        mailbox.poke();
        assertThat(sent).containsExactly(new Queued.Plain(new PanTiltMove(PanTilt.RIGHT)));
        answerLast();
        assertThat(result).isCompletedWithValue(STATE);
    }

    @Test
    void failsWhatWaitsButNotWhatIsWithTheCamera() {
        CompletableFuture<PtzState> inFlight = mailbox.submit(Queued.of(Move.absolute(1.0, null, null)));
        CompletableFuture<PtzState> waiting = mailbox.submit(Queued.of(Move.absolute(2.0, null, null)));
        PtzException lost = new PtzException(PtzException.Reason.CAMERA_REFUSED, "taken away");

        mailbox.failWaiting(lost);

        assertThatThrownBy(waiting::join).hasCause(lost);
        assertThat(inFlight).isNotDone();
        assertThat(mailbox.hasWaiting()).isFalse();
        answerLast();
        assertThat(inFlight).isCompletedWithValue(STATE);
        assertThat(sent).hasSize(1);
    }

    @Test
    void runsIdleActionsAfterTheCommandInFlight() {
        List<String> order = new ArrayList<>();
        mailbox.submit(Queued.of(Move.absolute(1.0, null, null))).thenRun(() -> order.add("answered"));
        mailbox.whenIdle(() -> order.add("idle"));

        assertThat(order).isEmpty();
        answerLast();
        assertThat(order).containsExactly("answered", "idle");
        mailbox.whenIdle(() -> order.add("at once"));
        assertThat(order).endsWith("at once");
    }

    @Test
    void answersThatAreAlreadyThereDoNotStopTheQueue() {
        CommandMailbox immediate = new CommandMailbox(command -> {
            sent.add(command);
            return CompletableFuture.completedFuture(STATE);
        }, () -> gateOpen, () -> { });
        gateOpen = false;
        immediate.submit(Queued.of(Move.absolute(1.0, null, null)));
        immediate.submit(Queued.of(new ZoomMove(Zoom.TELE)));
        gateOpen = true;

        immediate.poke();

        assertThat(sent).hasSize(2);
        assertThat(immediate.busy()).isFalse();
    }

    @Test
    void checksMergedMovesAgainstTheLimits() {
        PtzPosition at = new PtzPosition(160, 0, 40, false);
        AxisMove twice = AxisMove.of(Move.relative(6.0, null, null))
                .mergedWith(AxisMove.of(Move.relative(6.0, null, null)));

        assertThatThrownBy(() -> twice.check(PtzLimits.VB_C10, at))
                .isInstanceOf(PtzException.class)
                .hasMessageContaining("pan_right_limit")
                .extracting(e -> ((PtzException) e).reason()).isEqualTo(PtzException.Reason.OUT_OF_RANGE);
        AxisMove.of(Move.relative(6.0, null, null)).check(PtzLimits.VB_C10, at);
        assertThatThrownBy(() -> AxisMove.of(Move.relative(1.0, null, null)).check(PtzLimits.VB_C10, null))
                .extracting(e -> ((PtzException) e).reason()).isEqualTo(PtzException.Reason.UNAVAILABLE);
        AxisMove.of(Move.absolute(null, -90.0, null)).check(PtzLimits.VB_C10, null);
    }

    /** Puts a command with the camera, so that what follows waits. */
    private void occupy() {
        mailbox.submit(Queued.of(Move.absolute(0.0, 0.0, 40.0)));
        assertThat(mailbox.busy()).isTrue();
    }
}
