package org.camrelay.component.vbc10;

/** What an operator needs to know first about a camera ({@link Vbc10Endpoint#state(long)}). */
public enum CameraState {
    /** A connection is open and a frame arrived within the camera's stall timeout. */
    STREAMING,
    /** The consumer has just started, no attempt has failed yet, and no frame is due yet. */
    STARTING,
    /**
     * The connection failed, or no frame came within the stall timeout: the camera is unreachable, stalled or sends
     * nothing usable.
     */
    DOWN,
    /** No consumer of the camera is running (its route is stopped). */
    STOPPED
}
