package org.camrelay.simulator;

/** The ports of a simulated camera: two that serve video, and the native control port. */
public enum SimulatorTransport {
    /** The VB-C10 native video port: a handshake, then one raw JPEG per frame request. */
    NATIVE,
    /** The WebView HTTP interface ({@code /-wvhttp-01-/...}). */
    HTTP,
    /** The native control port (65311): pan, tilt, zoom and the control slot in 16-byte datagrams; no video. */
    CONTROL
}
