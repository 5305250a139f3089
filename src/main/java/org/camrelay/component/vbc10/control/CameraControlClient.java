package org.camrelay.component.vbc10.control;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Talks to one camera's pan/tilt/zoom control on behalf of the whole relay: WebView HTTP (a session,
 * GetCameraControl, a GetNotice loop, OperateCamera/OperateCameraEx, GetCameraInfo) or the native control port.
 * It holds the camera's single control slot while {@link #acquire()} is in force, and sends commands with the newest
 * winning: while one command is with the camera, newer ones of the same kind replace (or, for relative moves, add to)
 * the one waiting, so the camera never works through a backlog. Who among the relay's users may steer is decided
 * above this, by the arbiter.
 * <p>
 * Thread-safe; never blocks the caller. Futures complete on the client's I/O thread: callers must not block there.
 */
public interface CameraControlClient {

    /**
     * Starts: reads the position and limits where that needs no session (WebView's GetCameraInfo, again now and
     * then). A camera allows few clients, so no session or connection is held until {@link #acquire()}; from then on
     * the client reconnects by itself while control is wanted, until {@link #release()} or {@link #stop()}.
     */
    void start();

    /** Gives control back, ends the session and stops reconnecting. */
    void stop();

    /**
     * Asks the camera for its control slot and keeps asking again whenever the camera takes it away (its time limit)
     * until {@link #release()}. The future completes when the camera grants control, or exceptionally with a
     * {@link PtzException} when it refuses or cannot be reached; {@link #state()} follows the camera's events. While
     * the camera queues the request behind another client the future stays pending ({@code WAITING}). After a refusal
     * the client stops asking until the next call; when the camera cannot be reached it keeps trying with backoff.
     */
    CompletableFuture<CameraGrant> acquire();

    /**
     * Gives the control slot back (or leaves the camera's queue); stops any continuous move first. A pending
     * {@link #acquire()} and waiting commands fail.
     */
    void release();

    /**
     * Sends a command, coalesced with any of its kind still waiting. Moves are checked against the camera's limits
     * first. The future completes with the state after the camera accepted the command, or exceptionally with a
     * {@link PtzException}: {@code OUT_OF_RANGE}, {@code CAMERA_REFUSED} (no control, camera error) or
     * {@code UNAVAILABLE}. A command merged into a newer one completes with the newer one's outcome.
     */
    CompletableFuture<PtzState> submit(PtzCommand command);

    /** The latest state; cheap, for monitoring. */
    PtzState state();

    /**
     * Tells {@code listener} of every change of the relay's standing with the camera's control slot from now on, each
     * event 31 to 34 included: a {@code REVOKED} that is followed at once by a renewed request (and so is gone from
     * {@link #state()} a moment later) is not missed. Called on the client's I/O thread: the listener must not block.
     * A client without a control slot never calls it.
     */
    default void addGrantListener(Consumer<CameraGrant> listener) {
    }
}
