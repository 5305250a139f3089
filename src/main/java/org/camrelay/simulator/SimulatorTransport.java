package org.camrelay.simulator;

/** The two ways a simulated camera serves video. */
public enum SimulatorTransport {
    /** The VB-C10 native video port: a handshake, then one raw JPEG per frame request. */
    NATIVE,
    /** The WebView HTTP interface ({@code /-wvhttp-01-/...}). */
    HTTP
}
