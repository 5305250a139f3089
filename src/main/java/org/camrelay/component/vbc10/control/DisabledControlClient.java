package org.camrelay.component.vbc10.control;

import java.util.concurrent.CompletableFuture;

/** The client of a camera without control ({@code control=none}, or a generic MJPEG camera): refuses everything. */
final class DisabledControlClient implements CameraControlClient {

    private final String reason;
    private final PtzState state;

    DisabledControlClient(String reason) {
        this.reason = reason;
        this.state = new PtzState(false, null, null, CameraGrant.of(CameraGrant.State.NONE, 0, reason), 0, 0, 0);
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
    }

    @Override
    public CompletableFuture<CameraGrant> acquire() {
        return CompletableFuture.failedFuture(new PtzException(PtzException.Reason.UNAVAILABLE, reason));
    }

    @Override
    public void release() {
    }

    @Override
    public CompletableFuture<PtzState> submit(PtzCommand command) {
        return CompletableFuture.failedFuture(new PtzException(PtzException.Reason.UNAVAILABLE, reason));
    }

    @Override
    public PtzState state() {
        return state;
    }
}
