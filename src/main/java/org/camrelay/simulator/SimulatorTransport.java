package org.camrelay.simulator;

/** The two ways a simulated camera serves video. */
public enum SimulatorTransport {
    /** The native video port, in one of the {@link NativeDialect}s: one JPEG per frame request. */
    NATIVE,
    /** The WebView HTTP interface ({@code /-wvhttp-01-/...}). */
    HTTP
}
