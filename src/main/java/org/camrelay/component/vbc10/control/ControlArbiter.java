package org.camrelay.component.vbc10.control;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares one camera's pan, tilt and zoom among the relay's users: one user controls at a time, the others wait in a
 * first-come queue.
 * <ul>
 * <li>A user who asks (or sends a command) while nobody controls gets control at once, under a lease of
 * {@code leaseMillis}. Each of their commands renews the lease as long as nobody waits.</li>
 * <li>Their turn ends on release, after {@code idleMillis} without a command, or when the lease is up while others
 * wait; the first in the queue then gets control with a full lease.</li>
 * <li>A user with a higher {@link ControlRole} may take control over; the user taken over goes to the head of the
 * queue.</li>
 * <li>When control passes to another user, a continuous move or zoom of the last one is stopped.</li>
 * <li>The camera's own control slot is asked for ({@link CameraControlClient#acquire()}) while somebody controls, and
 * given back ({@link CameraControlClient#release()}) when nobody does. A controller's commands all go to
 * {@link CameraControlClient#submit(PtzCommand)}, in order, which coalesces them: fast clicking never builds a
 * backlog. Commands sent before the camera granted its slot wait for it, up to {@code grantWaitMillis}.</li>
 * </ul>
 * Time comes from a {@link ControlClock}; leases and idle timeouts end on its timers, one pending timer per camera at
 * most. Thread-safe. Calls to the camera-facing client never block, so they are made under this object's lock; the
 * client's answers are handled on the clock's thread and callers' futures are completed outside the lock, so that
 * neither the client's locks nor a caller's code ever run inside it.
 */
public final class ControlArbiter {

    /** Users waiting at most; more are refused as unavailable (a camera has far fewer users than this). */
    public static final int MAX_QUEUE = 256;
    /** Commands and requests waiting for the camera to grant its slot at most; more are refused as unavailable. */
    public static final int MAX_AWAITING_CAMERA = 64;

    private static final Logger LOG = LoggerFactory.getLogger(ControlArbiter.class);

    private record Turn(String user, ControlRole role, long id) {
    }

    private record Waiter(String user, ControlRole role) {
    }

    /** A command, or with a null command a request for control, waiting for the camera to grant its slot. */
    private static final class AwaitingCamera {
        final long turn;
        final PtzCommand command;
        final CompletableFuture<Object> result = new CompletableFuture<>();
        Future<?> timeout;

        AwaitingCamera(long turn, PtzCommand command) {
            this.turn = turn;
            this.command = command;
        }
    }

    private final String camera;
    private final CameraControlClient client;
    private final ControlClock clock;
    private final long leaseMillis;
    private final long idleMillis;
    private final long grantWaitMillis;

    // guarded by this
    private Turn holder;
    private long leaseEnd;
    private long idleEnd;
    private final Deque<Waiter> queue = new ArrayDeque<>();
    /** Whether the camera has been asked for its slot since it was last given back. */
    private boolean cameraAsked;
    /** The pending or answered request for the camera's slot; null when not asked, given back, or refused. */
    private CompletableFuture<CameraGrant> cameraSlot;
    /** Whether the camera's grant of {@link #cameraSlot} has been handled: commands go straight to the camera. */
    private boolean slotGranted;
    /** Why the camera refused the last request for its slot. */
    private PtzException refusal;
    private boolean cameraFailing;
    private final Deque<AwaitingCamera> awaitingCamera = new ArrayDeque<>();
    private Future<?> timer;
    private long timerAt;
    private boolean panTiltMoving;
    private boolean zoomMoving;
    private long turns;
    private long currentTurn;
    private boolean closed;
    private long commands;
    private long takeOvers;
    private long handOvers;

    /**
     * @param camera          the camera's name, for messages and logs
     * @param client          the camera-facing client
     * @param clock           time and timers
     * @param leaseMillis     a controller's lease (option {@code controlLease})
     * @param idleMillis      how long a controller may send no command before their turn ends
     *                        (option {@code controlIdleTimeout})
     * @param grantWaitMillis how long a request or command waits for the camera to grant its slot
     */
    public ControlArbiter(String camera, CameraControlClient client, ControlClock clock, long leaseMillis,
            long idleMillis, long grantWaitMillis) {
        this.camera = Objects.requireNonNull(camera, "camera");
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (leaseMillis <= 0 || idleMillis <= 0 || grantWaitMillis <= 0) {
            throw new IllegalArgumentException("lease, idle timeout and grant wait must be positive");
        }
        this.leaseMillis = leaseMillis;
        this.idleMillis = idleMillis;
        this.grantWaitMillis = grantWaitMillis;
    }

    /**
     * Asks for control. Nobody in control: the user gets it. Someone else: the user is queued (or keeps their place)
     * unless {@code takeOver} is asked for and their role outranks the controller's; then they take control and the
     * controller goes to the head of the queue.
     *
     * @return the status once the user is queued, or once the camera granted its slot to a user who got control (or
     *         did not within the grant wait, or queued the relay behind another of its clients: the status shows the
     *         camera's grant as it is); fails with a {@link PtzException} when the camera refuses or cannot be reached
     */
    public CompletableFuture<ControlStatus> requestControl(String user, ControlRole role, boolean takeOver) {
        requireUser(user);
        Objects.requireNonNull(role, "role");
        synchronized (this) {
            try {
                checkOpen();
                if (holder == null) {
                    startTurn(user, role);
                } else if (!holder.user().equals(user)) {
                    if (takeOver && role.outranks(holder.role())) {
                        takeOver(user, role);
                    } else if (enqueue(user, role) > 0) {
                        return CompletableFuture.completedFuture(statusLocked());
                    }
                }
                if (cameraSlot == null) {
                    askCamera();
                }
                if (cameraSlot == null) {
                    throw refusal;
                }
                if (slotGranted || (!cameraSlot.isDone() && cameraWaiting())) {
                    return CompletableFuture.completedFuture(statusLocked());
                }
                return awaitCamera(null).thenApply(ControlStatus.class::cast);
            } catch (PtzException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
    }

    /**
     * Gives control up, or leaves the queue. A user who is neither controlling nor waiting changes nothing.
     *
     * @return the status afterwards
     */
    public synchronized ControlStatus releaseControl(String user) {
        requireUser(user);
        if (holder != null && holder.user().equals(user)) {
            endTurn("released");
        } else if (queue.removeIf(w -> w.user().equals(user))) {
            LOG.debug("Camera '{}': '{}' left the queue", camera, user);
        }
        return statusLocked();
    }

    /**
     * Steers the camera for a user. The controller's command goes to the camera-facing client once the camera has
     * granted its slot; it renews their lease while nobody waits. A user who finds nobody in control gets control
     * first. Anyone else is queued, and the future fails with a {@link ControlQueuedException}.
     *
     * @return the camera's state after it accepted the command; fails with a {@link PtzException}:
     *         {@code OUT_OF_RANGE} (checked first, so that it costs nobody their place), {@code NOT_CONTROLLER},
     *         {@code CAMERA_REFUSED} or {@code UNAVAILABLE}
     */
    public CompletableFuture<PtzState> command(String user, ControlRole role, PtzCommand command) {
        requireUser(user);
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(command, "command");
        synchronized (this) {
            try {
                checkOpen();
                checkLimits(command);
                if (holder == null) {
                    startTurn(user, role);
                } else if (!holder.user().equals(user)) {
                    int place = enqueue(user, role);
                    if (place > 0) {
                        throw queued(place);
                    }
                }
                renew();
                if (command instanceof PtzCommand.PanTiltMove move) {
                    panTiltMoving = move.direction() != PtzCommand.PanTilt.STOP;
                } else if (command instanceof PtzCommand.ZoomMove zoom) {
                    zoomMoving = zoom.direction() != PtzCommand.Zoom.STOP;
                }
                commands++;
                if (cameraSlot == null) {
                    askCamera();
                }
                if (cameraSlot == null) {
                    throw refusal;
                }
                if (slotGranted) {
                    return submit(command);
                }
                if (!cameraSlot.isDone() && cameraWaiting()) {
                    throw notGranted(); // the camera's own queue can take minutes: answer now
                }
                return awaitCamera(command).thenApply(PtzState.class::cast);
            } catch (PtzException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
    }

    /** Who controls, who waits, and the camera's state, now. */
    public synchronized ControlStatus status() {
        return statusLocked();
    }

    /** Ends the current turn and the queue, and gives the camera's slot back; later requests fail. */
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        cancelTimer();
        queue.clear();
        holder = null;
        currentTurn = 0;
        releaseCamera();
    }

    private ControlStatus statusLocked() {
        long now = clock.millis();
        return new ControlStatus(camera, holder == null ? null : holder.user(), holder == null ? null : holder.role(),
                holder == null ? 0 : Math.max(0, leaseEnd - now), leaseMillis,
                queue.stream().map(Waiter::user).toList(), client.state(), commands, takeOvers, handOvers);
    }

    private void checkOpen() {
        if (closed) {
            throw new PtzException(PtzException.Reason.UNAVAILABLE, "control of camera '" + camera + "' has stopped");
        }
    }

    /** Refuses a move outside the camera's limits before it costs anyone their place. */
    private void checkLimits(PtzCommand command) {
        PtzState state = client.state();
        if (command instanceof PtzCommand.Move move && state != null && state.limits() != null) {
            if (state.position() != null) {
                state.limits().check(move, state.position());
            } else if (!move.relative()) {
                state.limits().check(move, new PtzPosition(0, 0, 0, false));
            }
        }
    }

    // ---- turns and the queue ----

    private void startTurn(String user, ControlRole role) {
        queue.removeIf(w -> w.user().equals(user));
        holder = new Turn(user, role, ++turns);
        currentTurn = holder.id();
        long now = clock.millis();
        leaseEnd = now + leaseMillis;
        idleEnd = now + idleMillis;
        ensureTimer();
        LOG.debug("Camera '{}': '{}' controls it", camera, user);
    }

    /** A command of the controller: the idle timeout starts again, and the lease too while nobody waits. */
    private void renew() {
        long now = clock.millis();
        idleEnd = now + idleMillis;
        if (queue.isEmpty()) {
            leaseEnd = now + leaseMillis;
        }
        ensureTimer();
    }

    private void endTurn(String why) {
        Turn old = holder;
        holder = null;
        Waiter next = queue.pollFirst();
        if (next != null) {
            stopMoves();
            startTurn(next.user(), next.role());
            handOvers++;
            if (cameraSlot == null) {
                askCamera();
            }
            LOG.info("Camera '{}': control passes from '{}' to '{}' ({}); {} waiting", camera, old.user(),
                    next.user(), why, queue.size());
        } else {
            currentTurn = 0;
            // the client stops any continuous move itself when it gives the slot back
            panTiltMoving = false;
            zoomMoving = false;
            cancelTimer();
            releaseCamera();
            LOG.info("Camera '{}': '{}' no longer controls it ({}); nobody waits", camera, old.user(), why);
        }
    }

    private void takeOver(String user, ControlRole role) {
        Turn old = holder;
        queue.removeIf(w -> w.user().equals(user));
        queue.addFirst(new Waiter(old.user(), old.role()));
        holder = null;
        stopMoves();
        startTurn(user, role);
        takeOvers++;
        LOG.info("Camera '{}': '{}' ({}) takes control over from '{}' ({}), who is first in the queue now", camera,
                user, role.value(), old.user(), old.role().value());
    }

    /**
     * Puts the user at the end of the queue unless they are in it. When the controller's lease is already up, control
     * passes on at once.
     *
     * @return the user's place, from 1, or 0 when they control the camera now
     */
    private int enqueue(String user, ControlRole role) {
        int place = placeOf(user);
        if (place > 0) {
            return place;
        }
        if (queue.size() >= MAX_QUEUE) {
            throw new PtzException(PtzException.Reason.UNAVAILABLE, "the queue for camera '" + camera + "' is full ("
                    + MAX_QUEUE + " users)");
        }
        queue.addLast(new Waiter(user, role));
        LOG.debug("Camera '{}': '{}' waits, number {} in the queue", camera, user, queue.size());
        if (holder != null && clock.millis() >= leaseEnd) {
            endTurn("lease over, and others wait");
        }
        ensureTimer();
        return holder != null && holder.user().equals(user) ? 0 : placeOf(user);
    }

    private int placeOf(String user) {
        int place = 1;
        for (Waiter waiter : queue) {
            if (waiter.user().equals(user)) {
                return place;
            }
            place++;
        }
        return 0;
    }

    private ControlQueuedException queued(int place) {
        long wait = Math.max(0, leaseEnd - clock.millis()) + (place - 1) * leaseMillis;
        return new ControlQueuedException(ControlQueuedException.describe(camera, holder.user(), place, wait), place,
                wait, holder.user());
    }

    /** Arms the one timer for the next moment the turn may end: the idle timeout, or the lease while others wait. */
    private void ensureTimer() {
        if (holder == null) {
            cancelTimer();
            return;
        }
        long due = queue.isEmpty() ? idleEnd : Math.min(leaseEnd, idleEnd);
        if (timer != null && timerAt <= due) {
            return; // an earlier check is pending; it arms the next one
        }
        cancelTimer();
        timerAt = due;
        timer = clock.schedule(this::onTimer, Math.max(0, due - clock.millis()));
    }

    private synchronized void onTimer() {
        timer = null;
        if (closed || holder == null) {
            return;
        }
        long now = clock.millis();
        if (now >= idleEnd) {
            endTurn("no command for " + idleMillis + " ms");
        } else if (now >= leaseEnd && !queue.isEmpty()) {
            endTurn("lease of " + leaseMillis + " ms over, and others wait");
        }
        ensureTimer();
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    // ---- the camera's slot and commands ----

    private void stopMoves() {
        if (slotGranted && panTiltMoving) {
            submitQuietly(new PtzCommand.PanTiltMove(PtzCommand.PanTilt.STOP));
        }
        if (slotGranted && zoomMoving) {
            submitQuietly(new PtzCommand.ZoomMove(PtzCommand.Zoom.STOP));
        }
        panTiltMoving = false;
        zoomMoving = false;
    }

    private void submitQuietly(PtzCommand command) {
        submit(command).whenComplete((state, failure) -> {
            if (failure != null) {
                LOG.debug("Camera '{}': {} on hand-over failed: {}", camera, command, failure.getMessage());
            }
        });
    }

    private CompletableFuture<PtzState> submit(PtzCommand command) {
        try {
            return client.submit(command);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(asPtz(e));
        }
    }

    /** Asks the camera for its slot; an answer already there is handled now, a later one on the clock's thread. */
    private void askCamera() {
        CompletableFuture<CameraGrant> slot;
        try {
            slot = client.acquire();
        } catch (RuntimeException e) {
            slot = CompletableFuture.failedFuture(e);
        }
        cameraAsked = true;
        cameraSlot = slot;
        slotGranted = false;
        if (slot.isDone()) {
            List<Runnable> completions = cameraAnsweredLocked(slot);
            if (!completions.isEmpty()) {
                later(() -> runAll(completions)); // not under the lock
            }
        } else {
            CompletableFuture<CameraGrant> asked = slot;
            // the client may complete the future while holding locks of its own: handle it elsewhere
            slot.whenComplete((grant, failure) -> later(() -> cameraAnswered(asked)));
        }
    }

    private void cameraAnswered(CompletableFuture<CameraGrant> slot) {
        List<Runnable> completions;
        synchronized (this) {
            completions = cameraAnsweredLocked(slot);
        }
        runAll(completions);
    }

    /** Sends the commands waiting for the slot, in order, or fails them; returns how to complete their futures. */
    private List<Runnable> cameraAnsweredLocked(CompletableFuture<CameraGrant> slot) {
        List<Runnable> completions = new ArrayList<>();
        if (slot != cameraSlot) {
            return completions; // given back since; whatever waited for it has been answered
        }
        Throwable failure = slot.isCompletedExceptionally() ? failureOf(slot) : null;
        if (failure == null) {
            slotGranted = true;
            if (cameraFailing) {
                cameraFailing = false;
                LOG.info("Camera '{}' grants control again", camera);
            }
        } else {
            cameraSlot = null; // the next request asks again
            refusal = asPtz(failure);
            if (!cameraFailing) {
                cameraFailing = true;
                LOG.warn("Camera '{}' gives no control: {}", camera, refusal.getMessage());
            }
        }
        for (AwaitingCamera waiting : awaitingCamera) {
            waiting.timeout.cancel(false);
            if (failure != null) {
                PtzException refused = refusal;
                completions.add(() -> waiting.result.completeExceptionally(refused));
            } else if (waiting.command == null) {
                ControlStatus status = statusLocked();
                completions.add(() -> waiting.result.complete(status));
            } else if (waiting.turn != currentTurn) {
                completions.add(() -> waiting.result.completeExceptionally(controlPassed()));
            } else {
                CompletableFuture<PtzState> sent = submit(waiting.command);
                completions.add(() -> sent.whenComplete((state, error) -> {
                    if (error != null) {
                        waiting.result.completeExceptionally(asPtz(error));
                    } else {
                        waiting.result.complete(state);
                    }
                }));
            }
        }
        awaitingCamera.clear();
        return completions;
    }

    /** Holds a command or request until the camera answers, or the grant wait is over. */
    private CompletableFuture<Object> awaitCamera(PtzCommand command) {
        if (awaitingCamera.size() >= MAX_AWAITING_CAMERA) {
            throw new PtzException(PtzException.Reason.UNAVAILABLE, "camera '" + camera + "' has not granted control"
                    + " yet, and " + MAX_AWAITING_CAMERA + " commands wait for it");
        }
        AwaitingCamera waiting = new AwaitingCamera(currentTurn, command);
        awaitingCamera.addLast(waiting);
        waiting.timeout = clock.schedule(() -> grantWaitOver(waiting), grantWaitMillis);
        return waiting.result;
    }

    private void grantWaitOver(AwaitingCamera waiting) {
        Object outcome;
        synchronized (this) {
            if (!awaitingCamera.remove(waiting)) {
                return;
            }
            // a request for control is answered with the camera's grant as it is; a command cannot be carried out
            outcome = waiting.command == null ? statusLocked() : notGranted();
        }
        if (outcome instanceof PtzException failure) {
            waiting.result.completeExceptionally(failure);
        } else {
            waiting.result.complete(outcome);
        }
    }

    private void releaseCamera() {
        cameraSlot = null;
        slotGranted = false;
        List<AwaitingCamera> unanswered = new ArrayList<>(awaitingCamera);
        awaitingCamera.clear();
        if (!unanswered.isEmpty()) {
            ControlStatus status = statusLocked();
            later(() -> unanswered.forEach(waiting -> {
                waiting.timeout.cancel(false);
                if (waiting.command == null) {
                    waiting.result.complete(status);
                } else {
                    waiting.result.completeExceptionally(controlPassed());
                }
            }));
        }
        if (cameraAsked) {
            cameraAsked = false;
            try {
                client.release();
            } catch (RuntimeException e) {
                LOG.debug("Camera '{}': giving control back failed", camera, e);
            }
        }
    }

    private boolean cameraWaiting() {
        return client.state().grant().state() == CameraGrant.State.WAITING;
    }

    private PtzException notGranted() {
        CameraGrant grant = client.state().grant();
        String reason = grant.reason() == null ? "" : ": " + grant.reason();
        return switch (grant.state()) {
            case WAITING -> new PtzException(PtzException.Reason.CAMERA_REFUSED, String.format(Locale.ROOT,
                    "camera '%s' is controlled by another of its clients; the relay is queued for about %d s%s",
                    camera, (grant.millis() + 999) / 1000, reason));
            case REFUSED, REVOKED -> new PtzException(PtzException.Reason.CAMERA_REFUSED, "camera '" + camera
                    + "' gives the relay no control" + reason);
            default -> new PtzException(PtzException.Reason.UNAVAILABLE, "camera '" + camera
                    + "' has not granted control within " + grantWaitMillis + " ms (" + grant.state() + reason + ")");
        };
    }

    private PtzException controlPassed() {
        return new PtzException(PtzException.Reason.NOT_CONTROLLER, "control of camera '" + camera
                + "' ended before the camera was ready");
    }

    private PtzException asPtz(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof PtzException ptz) {
            return ptz;
        }
        return new PtzException(PtzException.Reason.UNAVAILABLE, "camera '" + camera + "' cannot be controlled: "
                + cause.getMessage(), cause);
    }

    private static Throwable failureOf(CompletableFuture<?> done) {
        try {
            done.join();
            return null;
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            return e;
        }
    }

    /** Runs the task on the clock's thread; at once if the clock no longer runs tasks (the relay is stopping). */
    private void later(Runnable task) {
        try {
            clock.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    private static void runAll(List<Runnable> completions) {
        completions.forEach(Runnable::run);
    }

    private static void requireUser(String user) {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("a user name is needed to control a camera");
        }
    }
}
