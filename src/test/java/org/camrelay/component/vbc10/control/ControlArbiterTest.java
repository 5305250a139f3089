package org.camrelay.component.vbc10.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.camrelay.component.vbc10.control.PtzCommand.PanTilt;
import org.camrelay.component.vbc10.control.PtzCommand.PanTiltMove;
import org.camrelay.component.vbc10.control.PtzCommand.Zoom;
import org.camrelay.component.vbc10.control.PtzCommand.ZoomMove;
import org.junit.jupiter.api.Test;

/**
 * The arbiter's turns, queue, leases and camera slot, on a clock the test moves, with a client that records what the
 * arbiter asked of the camera.
 */
class ControlArbiterTest {

    private static final long LEASE = 30_000;
    private static final long IDLE = 10_000;
    private static final long GRANT_WAIT = 5_000;
    private static final PtzCommand LEFT = new PanTiltMove(PanTilt.LEFT);
    private static final PtzCommand NUDGE = PtzCommand.Move.relative(1.0, null, null);

    private final ManualClock clock = new ManualClock();
    private final RecordingControlClient camera = new RecordingControlClient();
    private final ControlArbiter arbiter = new ControlArbiter("lobby", camera, clock, LEASE, IDLE, GRANT_WAIT);

    @Test
    void aUserWhoFindsNobodyInControlGetsItAndTheCommandGoesToTheCamera() {
        PtzState state = done(arbiter.command("alice", ControlRole.CONTROL,
                PtzCommand.Move.absolute(10.0, -5.0, 20.0)));

        assertThat(state.position()).isEqualTo(new PtzPosition(10, -5, 20, false));
        assertThat(camera.calls()).containsExactly("acquire", "submit Move[pan=10.0, tilt=-5.0, zoom=20.0, relative=false]");
        ControlStatus status = arbiter.status();
        assertThat(status.controller()).isEqualTo("alice");
        assertThat(status.leaseRemainingMillis()).isEqualTo(LEASE);
        assertThat(status.commands()).isEqualTo(1);
    }

    @Test
    void contendingUsersAreQueuedAndHandedOverOnRelease() {
        command("alice");
        clock.advance(4_000);

        ControlQueuedException bob = queued("bob");
        ControlQueuedException carol = queued("carol");

        assertThat(bob.place()).isEqualTo(1);
        assertThat(bob.controller()).isEqualTo("alice");
        assertThat(carol.place()).isEqualTo(2);
        assertThat(arbiter.status().queue()).containsExactly("bob", "carol");
        assertThat(camera.count("submit " + NUDGE)).as("a queued user's command never reaches the camera").isOne();

        ControlStatus after = arbiter.releaseControl("alice");

        assertThat(after.controller()).isEqualTo("bob");
        assertThat(after.queue()).containsExactly("carol");
        assertThat(after.handOvers()).isOne();
        assertThat(camera.calls()).as("the camera's slot is kept from one user to the next")
                .containsExactly("acquire", "submit " + NUDGE);
        command("bob");
        assertThat(camera.count("submit " + NUDGE)).isEqualTo(2);
    }

    @Test
    void placeAndWaitEstimatesAreTheRemainingLeasePlusAFullLeasePerUserAhead() {
        command("alice");
        clock.advance(8_000);
        command("alice"); // lease up at 38 s
        clock.advance(4_000);

        assertThat(queued("bob").waitMillis()).isEqualTo(26_000);
        ControlQueuedException carol = queued("carol");
        assertThat(carol.waitMillis()).isEqualTo(26_000 + LEASE);
        assertThat(carol.getMessage()).contains("'alice' controls camera 'lobby'", "number 2", "56 s");

        clock.advance(3_000);
        ControlStatus status = arbiter.status();
        assertThat(status.controller()).isEqualTo("alice");
        assertThat(status.place("bob")).isEqualTo(1);
        assertThat(status.place("carol")).isEqualTo(2);
        assertThat(status.place("dave")).isZero();
        assertThat(status.waitMillis(status.place("carol"))).isEqualTo(23_000 + LEASE);
        assertThat(queued("carol").place()).as("asking again keeps one's place").isEqualTo(2);
    }

    @Test
    void theLeaseIsRenewedByCommandsWhileNobodyWaits() {
        command("alice");
        for (int i = 0; i < 20; i++) {
            clock.advance(5_000);
            command("alice");
        }

        assertThat(arbiter.status().controller()).isEqualTo("alice");
        assertThat(arbiter.status().leaseRemainingMillis()).isEqualTo(LEASE);
    }

    @Test
    void whileOthersWaitTheLeaseIsNotRenewedAndControlPassesWhenItIsUp() {
        command("alice");
        clock.advance(5_000);
        command("alice"); // renewed: up at 35 s
        queued("bob");
        for (int i = 0; i < 5; i++) {
            clock.advance(5_000);
            command("alice"); // not renewed any more
        }
        clock.advance(4_999);
        assertThat(arbiter.status().controller()).isEqualTo("alice");

        clock.advance(1);

        assertThat(arbiter.status().controller()).isEqualTo("bob");
        assertThat(arbiter.status().leaseRemainingMillis()).isEqualTo(LEASE);
        assertThat(queued("alice").place()).isEqualTo(1);
    }

    @Test
    void aUserIdleForTheIdleTimeoutLosesControl() {
        command("alice");
        clock.advance(IDLE - 1);
        assertThat(arbiter.status().controller()).isEqualTo("alice");

        clock.advance(1);

        assertThat(arbiter.status().controlled()).isFalse();
        assertThat(camera.calls()).containsExactly("acquire", "submit " + NUDGE, "release");
        assertThat(clock.pending()).as("no timer runs while nobody controls").isZero();
    }

    @Test
    void anIdleControllerHandsOverToTheFirstInTheQueue() {
        command("alice");
        queued("bob");
        clock.advance(IDLE);

        assertThat(arbiter.status().controller()).isEqualTo("bob");
        clock.advance(IDLE);
        assertThat(arbiter.status().controlled()).as("bob, who got control but never used it, loses it too").isFalse();
    }

    @Test
    void aQueuedUserFindingTheLeaseAlreadyUpGetsControlAtOnce() {
        // idle timeout longer than the lease: the lease runs out while nobody waits, and the turn goes on
        ControlArbiter patient = new ControlArbiter("lobby", camera, clock, LEASE, 2 * LEASE, GRANT_WAIT);
        done(patient.command("alice", ControlRole.CONTROL, NUDGE));
        clock.advance(LEASE + 1_000);
        assertThat(patient.status().controller()).isEqualTo("alice");

        done(patient.command("bob", ControlRole.CONTROL, NUDGE));

        assertThat(patient.status().controller()).isEqualTo("bob");
        assertThat(patient.status().queue()).isEmpty();
    }

    @Test
    void anAdminTakesOverAndTheUserTakenOverGoesToTheHeadOfTheQueue() {
        command("alice");
        queued("bob");

        ControlStatus status = done(arbiter.requestControl("root", ControlRole.ADMIN, true));

        assertThat(status.controller()).isEqualTo("root");
        assertThat(status.controllerRole()).isEqualTo(ControlRole.ADMIN);
        assertThat(status.queue()).containsExactly("alice", "bob");
        assertThat(status.takeOvers()).isOne();
        done(arbiter.command("root", ControlRole.ADMIN, NUDGE));

        arbiter.releaseControl("root");
        assertThat(arbiter.status().controller()).isEqualTo("alice");
    }

    @Test
    void takingOverNeedsAHigherRole() {
        done(arbiter.command("root", ControlRole.ADMIN, NUDGE));

        ControlStatus asControl = done(arbiter.requestControl("alice", ControlRole.CONTROL, true));
        ControlStatus asAdmin = done(arbiter.requestControl("admin2", ControlRole.ADMIN, true));

        assertThat(asAdmin.controller()).isEqualTo("root");
        assertThat(asAdmin.queue()).containsExactly("alice", "admin2");
        assertThat(asControl.takeOvers()).isZero();
    }

    @Test
    void withoutTakeOverAnAdminWaitsLikeEveryoneElse() {
        command("alice");

        ControlStatus status = done(arbiter.requestControl("root", ControlRole.ADMIN, false));

        assertThat(status.controller()).isEqualTo("alice");
        assertThat(status.place("root")).isEqualTo(1);
    }

    @Test
    void theCameraSlotIsAskedForOnlyWhileSomeoneControlsAndGivenBackAfter() {
        arbiter.status();
        assertThat(camera.calls()).isEmpty();

        done(arbiter.requestControl("alice", ControlRole.CONTROL, false));
        assertThat(camera.calls()).containsExactly("acquire");
        queued("bob");
        arbiter.releaseControl("alice");
        arbiter.releaseControl("bob");

        assertThat(camera.calls()).containsExactly("acquire", "release");
        arbiter.releaseControl("bob");
        assertThat(camera.calls()).as("nothing to give back twice").containsExactly("acquire", "release");

        command("carol");
        assertThat(camera.calls()).containsExactly("acquire", "release", "acquire", "submit " + NUDGE);
        arbiter.close();
        assertThat(camera.calls()).endsWith("release");
    }

    @Test
    void aContinuousMoveIsStoppedWhenControlPassesToAnotherUser() {
        done(arbiter.command("alice", ControlRole.CONTROL, LEFT));
        done(arbiter.command("alice", ControlRole.CONTROL, new ZoomMove(Zoom.TELE)));
        queued("bob");
        camera.clear();

        arbiter.releaseControl("alice");

        assertThat(camera.calls()).containsExactly("submit " + new PanTiltMove(PanTilt.STOP),
                "submit " + new ZoomMove(Zoom.STOP));
    }

    @Test
    void aContinuousMoveIsStoppedOnTakeOverButNotAfterItWasStopped() {
        done(arbiter.command("alice", ControlRole.CONTROL, LEFT));
        done(arbiter.command("alice", ControlRole.CONTROL, new ZoomMove(Zoom.WIDE)));
        done(arbiter.command("alice", ControlRole.CONTROL, new ZoomMove(Zoom.STOP)));
        camera.clear();

        done(arbiter.requestControl("root", ControlRole.ADMIN, true));

        assertThat(camera.calls()).containsExactly("submit " + new PanTiltMove(PanTilt.STOP));
    }

    @Test
    void aBurstOfCommandsAllGoesToTheClientWhichCoalesces() {
        List<CompletableFuture<PtzState>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            results.add(arbiter.command("alice", ControlRole.CONTROL, i % 2 == 0 ? NUDGE : LEFT));
        }

        results.forEach(ControlArbiterTest::done);
        assertThat(camera.submitted()).hasSize(200);
        assertThat(camera.count("acquire")).isOne();
        assertThat(arbiter.status().commands()).isEqualTo(200);
    }

    @Test
    void aMoveOutOfRangeIsRefusedBeforeTheUserIsQueued() {
        command("alice");

        CompletableFuture<PtzState> tooFar = arbiter.command("bob", ControlRole.CONTROL,
                PtzCommand.Move.absolute(200.0, null, null));

        assertThat(reason(tooFar)).isEqualTo(PtzException.Reason.OUT_OF_RANGE);
        assertThat(catchCause(tooFar)).hasMessageContaining("pan 200.00 is above the camera's pan_right_limit of 170.00");
        assertThat(arbiter.status().queue()).isEmpty();
    }

    @Test
    void aCommandWaitsForTheCameraToGrantItsSlot() {
        camera.grantMode(RecordingControlClient.Grant.LATER);
        CompletableFuture<PtzState> first = arbiter.command("alice", ControlRole.CONTROL, NUDGE);
        CompletableFuture<PtzState> second = arbiter.command("alice", ControlRole.CONTROL, NUDGE);
        assertThat(first).isNotDone();
        assertThat(camera.calls()).containsExactly("acquire");

        camera.grant();
        clock.runDue();

        assertThat(done(first).position().pan()).isEqualTo(1.0);
        assertThat(done(second).position().pan()).isEqualTo(2.0);
    }

    @Test
    void aGrantThatDoesNotComeFailsTheCommandAfterTheGrantWait() {
        camera.grantMode(RecordingControlClient.Grant.LATER);
        CompletableFuture<PtzState> command = arbiter.command("alice", ControlRole.CONTROL, NUDGE);
        clock.advance(GRANT_WAIT - 1);
        assertThat(command).isNotDone();

        clock.advance(1);

        assertThat(reason(command)).isEqualTo(PtzException.Reason.UNAVAILABLE);
        assertThat(camera.submitted()).isEmpty();
    }

    @Test
    void aRequestForControlIsAnsweredWhenTheCameraGrantsOrWithTheGrantAsItIsAfterTheGrantWait() {
        camera.grantMode(RecordingControlClient.Grant.LATER);
        CompletableFuture<ControlStatus> first = arbiter.requestControl("alice", ControlRole.CONTROL, false);
        assertThat(first).isNotDone();

        clock.advance(GRANT_WAIT);

        assertThat(done(first).controller()).isEqualTo("alice");
        assertThat(done(first).ptz().grant().state()).isEqualTo(CameraGrant.State.REQUESTED);
        CompletableFuture<ControlStatus> second = arbiter.requestControl("alice", ControlRole.CONTROL, false);
        camera.grant();
        clock.runDue();
        assertThat(done(second).ptz().grant().granted()).isTrue();
        assertThat(camera.count("acquire")).isOne();
    }

    @Test
    void aRefusalArrivingLaterFailsTheWaitingCommandsWithItsReasonAndTheNextCommandAsksAgain() {
        camera.grantMode(RecordingControlClient.Grant.LATER);
        CompletableFuture<PtzState> waiting = arbiter.command("alice", ControlRole.CONTROL, NUDGE);

        camera.refuse();
        clock.runDue();

        assertThat(reason(waiting)).isEqualTo(PtzException.Reason.CAMERA_REFUSED);
        assertThatThrownBy(waiting::join).hasMessageContaining("failed_to_get_camera_control");
        camera.grantMode(RecordingControlClient.Grant.AT_ONCE);
        command("alice");
        assertThat(camera.calls()).containsExactly("acquire", "acquire", "submit " + NUDGE);
    }

    @Test
    void whileTheCameraQueuesTheRelayBehindAnotherClientCommandsFailAtOnceWithItsWait() {
        camera.grantMode(RecordingControlClient.Grant.CAMERA_QUEUE);

        CompletableFuture<PtzState> command = arbiter.command("alice", ControlRole.CONTROL, NUDGE);

        assertThat(reason(command)).isEqualTo(PtzException.Reason.CAMERA_REFUSED);
        assertThatThrownBy(command::join).hasMessageContaining("another of its clients", "about 42 s");
        ControlStatus status = done(arbiter.requestControl("alice", ControlRole.CONTROL, false));
        assertThat(status.ptz().grant().state()).isEqualTo(CameraGrant.State.WAITING);
    }

    @Test
    void aCameraRefusalFailsTheRequestWithItsReasonAndTheNextCommandAsksAgain() {
        camera.grantMode(RecordingControlClient.Grant.REFUSE);

        CompletableFuture<ControlStatus> request = arbiter.requestControl("alice", ControlRole.CONTROL, false);
        assertThat(reason(request)).isEqualTo(PtzException.Reason.CAMERA_REFUSED);
        assertThatThrownBy(request::join).hasMessageContaining("failed_to_get_camera_control");
        clock.runDue();

        camera.grantMode(RecordingControlClient.Grant.AT_ONCE);
        command("alice");
        assertThat(camera.calls()).containsExactly("acquire", "acquire", "submit " + NUDGE);
    }

    @Test
    void controlHandedOverWhileACommandWaitedForTheCameraIsNotSentForTheOldController() {
        camera.grantMode(RecordingControlClient.Grant.LATER);
        CompletableFuture<PtzState> waiting = arbiter.command("alice", ControlRole.CONTROL, LEFT);
        CompletableFuture<ControlStatus> takeOver = arbiter.requestControl("root", ControlRole.ADMIN, true);

        camera.grant();
        clock.runDue();

        assertThat(reason(waiting)).isEqualTo(PtzException.Reason.NOT_CONTROLLER);
        assertThat(done(takeOver).controller()).isEqualTo("root");
        assertThat(camera.submitted()).isEmpty();
    }

    @Test
    void afterCloseNothingIsAccepted() {
        command("alice");
        arbiter.close();

        assertThat(reason(arbiter.command("alice", ControlRole.CONTROL, NUDGE)))
                .isEqualTo(PtzException.Reason.UNAVAILABLE);
        assertThat(arbiter.status().controlled()).isFalse();
        assertThat(clock.pending()).isZero();
    }

    private void command(String user) {
        done(arbiter.command(user, ControlRole.CONTROL, NUDGE));
    }

    private ControlQueuedException queued(String user) {
        CompletableFuture<PtzState> refused = arbiter.command(user, ControlRole.CONTROL, NUDGE);
        assertThat(refused).isCompletedExceptionally();
        Throwable cause = catchCause(refused);
        assertThat(cause).isInstanceOf(ControlQueuedException.class);
        return (ControlQueuedException) cause;
    }

    /** The future's value; it must be complete: nothing in these tests waits for another thread. */
    private static <T> T done(CompletableFuture<T> future) {
        assertThat(future).as("completed by now").isDone();
        return future.join();
    }

    private static PtzException.Reason reason(CompletableFuture<?> future) {
        assertThat(future).isCompletedExceptionally();
        Throwable cause = catchCause(future);
        assertThat(cause).isInstanceOf(PtzException.class);
        return ((PtzException) cause).reason();
    }

    private static Throwable catchCause(CompletableFuture<?> future) {
        try {
            future.join();
            throw new AssertionError("expected a failure");
        } catch (CompletionException e) {
            return e.getCause();
        }
    }
}
