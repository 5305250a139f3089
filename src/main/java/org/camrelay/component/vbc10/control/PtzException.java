package org.camrelay.component.vbc10.control;

/** Why a pan/tilt/zoom command or control request was not carried out. The message is fit for the user. */
public class PtzException extends RuntimeException {

    public enum Reason {
        /** A value lies outside the camera's control limits (HTTP 400). */
        OUT_OF_RANGE,
        /** Another user controls the camera; the caller is queued (HTTP 409). */
        NOT_CONTROLLER,
        /** The camera refused or took away control, or answered the command with an error (HTTP 503). */
        CAMERA_REFUSED,
        /** The camera cannot be reached, or control is switched off for it (HTTP 503). */
        UNAVAILABLE
    }

    private final Reason reason;

    public PtzException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public PtzException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
