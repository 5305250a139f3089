package org.camrelay.source.control;

import java.util.concurrent.CompletableFuture;

/**
 * A camera-facing client for a control mode this build has no client for: it refuses everything as
 * {@link PtzException.Reason#UNAVAILABLE} with a message that says so, so that the API answers 503 with the reason
 * instead of failing obscurely.
 */
public final class UnavailableControlClient implements CameraControlClient {

    private final String message;
    private final PtzState state;

    public UnavailableControlClient(String camera, ControlMode mode) {
        this.message = "camera '" + camera + "': no " + mode.value() + " control client in this build";
        this.state = new PtzState(false, null, null, CameraGrant.of(CameraGrant.State.REFUSED, 0, message), 0, 0, 0);
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
    }

    @Override
    public CompletableFuture<CameraGrant> acquire() {
        return CompletableFuture.failedFuture(new PtzException(PtzException.Reason.UNAVAILABLE, message));
    }

    @Override
    public void release() {
    }

    @Override
    public CompletableFuture<PtzState> submit(PtzCommand command) {
        return CompletableFuture.failedFuture(new PtzException(PtzException.Reason.UNAVAILABLE, message));
    }

    @Override
    public PtzState state() {
        return state;
    }
}
