package org.camrelay.simulator;

/**
 * A WebView command that fails with a {@code Livescope-Status} error; the message is the additional information
 * line of the error body. Thrown while parsing and checking a request, answered by {@link WebViewCamera}.
 */
final class WebViewException extends RuntimeException {

    private final LivescopeStatus status;

    WebViewException(LivescopeStatus status, String info) {
        super(info, null, false, false);
        this.status = status;
    }

    LivescopeStatus status() {
        return status;
    }

    static WebViewException missing(String parameter) {
        // a VB-H41's recorded answer names how many parameters are missing, not which
        return new WebViewException(LivescopeStatus.PARAMETER_MISSING, "1 parameter(s)");
    }

    static WebViewException invalid(String parameter, String value) {
        return new WebViewException(LivescopeStatus.INVALID_PARAMETER_VALUE, parameter + "=" + value);
    }
}
