package org.camrelay.component.vbc10.control;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A camera-facing client that records what it was asked, in order, and answers as the test sets it up; it stands in
 * for the WebView and native clients, which have their own tests against the simulator. It grants the camera's slot
 * at once unless told otherwise, checks moves against the VB-C10's limits, and counts commands as sent.
 */
public final class RecordingControlClient implements CameraControlClient {

    /** How {@link #acquire()} answers. */
    public enum Grant {
        /** At once. */
        AT_ONCE,
        /** Not until the test calls {@link #grant()} or {@link #refuse()}. */
        LATER,
        /** The camera queues the relay behind another client (WebView event 33), and stays so. */
        CAMERA_QUEUE,
        /** Fails with {@link #refusal}. */
        REFUSE
    }

    // guarded by this
    private final List<String> calls = new ArrayList<>();
    private final List<PtzCommand> submitted = new ArrayList<>();
    private Grant grantMode = Grant.AT_ONCE;
    private PtzException refusal = new PtzException(PtzException.Reason.CAMERA_REFUSED,
            "failed_to_get_camera_control (event 34)");
    private CompletableFuture<CameraGrant> pendingGrant;
    private CameraGrant grant = CameraGrant.none();
    private PtzPosition position = new PtzPosition(0, 0, 47.5, false);
    private long sent;
    private long refusals;
    private boolean started;

    public synchronized void grantMode(Grant mode) {
        this.grantMode = mode;
    }

    public synchronized void refusal(PtzException refusal) {
        this.refusal = refusal;
    }

    /** Every call in order: {@code start}, {@code acquire}, {@code submit COMMAND}, {@code release}, {@code stop}. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<PtzCommand> submitted() {
        return List.copyOf(submitted);
    }

    public synchronized long count(String call) {
        return calls.stream().filter(c -> c.equals(call)).count();
    }

    public synchronized boolean started() {
        return started;
    }

    public synchronized void clear() {
        calls.clear();
        submitted.clear();
    }

    /** Grants the slot asked for with {@link Grant#LATER}. */
    public void grant() {
        CompletableFuture<CameraGrant> pending;
        CameraGrant granted;
        synchronized (this) {
            pending = pendingGrant;
            pendingGrant = null;
            grant = granted = CameraGrant.of(CameraGrant.State.GRANTED, 0, null);
        }
        pending.complete(granted);
    }

    /** Refuses the slot asked for with {@link Grant#LATER}, with {@link #refusal(PtzException)}'s exception. */
    public void refuse() {
        CompletableFuture<CameraGrant> pending;
        PtzException failure;
        synchronized (this) {
            pending = pendingGrant;
            pendingGrant = null;
            failure = refusal;
            refusals++;
            grant = CameraGrant.of(CameraGrant.State.REFUSED, 0, failure.getMessage());
        }
        pending.completeExceptionally(failure);
    }

    @Override
    public synchronized void start() {
        calls.add("start");
        started = true;
    }

    @Override
    public synchronized void stop() {
        calls.add("stop");
        started = false;
    }

    @Override
    public CompletableFuture<CameraGrant> acquire() {
        synchronized (this) {
            calls.add("acquire");
            switch (grantMode) {
                case AT_ONCE -> {
                    grant = CameraGrant.of(CameraGrant.State.GRANTED, 0, null);
                    return CompletableFuture.completedFuture(grant);
                }
                case REFUSE -> {
                    refusals++;
                    grant = CameraGrant.of(CameraGrant.State.REFUSED, 0, refusal.getMessage());
                    return CompletableFuture.failedFuture(refusal);
                }
                case CAMERA_QUEUE -> {
                    grant = CameraGrant.of(CameraGrant.State.WAITING, 42_000, null);
                    pendingGrant = new CompletableFuture<>();
                    return pendingGrant;
                }
                default -> {
                    grant = CameraGrant.of(CameraGrant.State.REQUESTED, 0, null);
                    pendingGrant = new CompletableFuture<>();
                    return pendingGrant;
                }
            }
        }
    }

    @Override
    public synchronized void release() {
        calls.add("release");
        grant = CameraGrant.none();
    }

    @Override
    public synchronized CompletableFuture<PtzState> submit(PtzCommand command) {
        calls.add("submit " + command);
        submitted.add(command);
        if (!grant.granted()) {
            refusals++;
            return CompletableFuture.failedFuture(new PtzException(PtzException.Reason.CAMERA_REFUSED,
                    "no camera control right (301)"));
        }
        if (command instanceof PtzCommand.Move move) {
            try {
                PtzLimits.VB_C10.check(move, position);
            } catch (PtzException e) {
                return CompletableFuture.failedFuture(e);
            }
            PtzPosition target = position.after(move);
            position = new PtzPosition(target.pan(), target.tilt(), target.zoom(), position.backLight());
        } else if (command instanceof PtzCommand.BackLight light) {
            position = new PtzPosition(position.pan(), position.tilt(), position.zoom(), light.on());
        }
        sent++;
        return CompletableFuture.completedFuture(stateLocked());
    }

    @Override
    public synchronized PtzState state() {
        return stateLocked();
    }

    private PtzState stateLocked() {
        return new PtzState(true, position, PtzLimits.VB_C10, grant, sent, 0, refusals);
    }
}
