package org.camrelay.app.operations.monitor;

/** What an operator needs to know first about a camera. */
public enum CameraState {
    /** A frame arrived within the camera's stall timeout. */
    STREAMING,
    /** The route has just started and no frame is due yet. */
    STARTING,
    /** No frame within the stall timeout: the camera is unreachable, stalled or sending nothing usable. */
    DOWN,
    /** The camera's route is not running. */
    STOPPED
}
