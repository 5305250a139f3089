package org.camrelay.simulator;

/**
 * The WebView error codes of the {@code Livescope-Status} header [spec 1.1.1]; success is {@code 0}. The camera
 * answers them with HTTP {@code 200 OK} and a text body naming the error.
 */
enum LivescopeStatus {
    NO_CAMERA_CONTROL_RIGHT(301, "No Camera Control Right"),
    CAMERA_NOT_AVAILABLE(302, "Camera is not available"),
    CAMERA_NOT_CONTROLLABLE(303, "Camera is not controllable"),
    UNKNOWN_OPERATOR(401, "Unknown Operator"),
    INVALID_PARAMETER_VALUE(403, "Invalid Parameter Value"),
    OPERATION_TIMEOUT(404, "Operation Timeout"),
    PARAMETER_MISSING(406, "Parameter Missing"),
    INVALID_REQUEST(407, "Invalid Request"),
    CONFLICT(408, "Conflict"),
    UNKNOWN_CONNECTION_ID(501, "Unknown Connection ID"),
    TOO_MANY_CLIENTS(503, "Too many clients"),
    INSUFFICIENT_PRIVILEGE(507, "Insufficient Privilege");

    private final int code;
    private final String message;

    LivescopeStatus(int code, String message) {
        this.code = code;
        this.message = message;
    }

    int code() {
        return code;
    }

    String message() {
        return message;
    }

    /** The header value, e.g. {@code 406 Parameter Missing}. */
    String header() {
        return code + " " + message;
    }
}
