package org.camrelay.component.vbc10.control;

/** How the relay steers a camera: the {@code control} option of a {@code vbc10:} endpoint. */
public enum ControlProtocol {

    /**
     * WebView for the http transport without an httpPath, the native control port for the native transport, none for
     * an httpPath (a generic MJPEG camera has no Canon control).
     */
    AUTO,

    /** WebView HTTP on httpPort: a session, GetCameraControl, GetNotice, OperateCamera/OperateCameraEx. */
    WEBVIEW,

    /** The native control port (controlPort, 65311). */
    NATIVE,

    /** No camera control. */
    NONE;

    /** The option's value: {@code auto}, {@code webview}, {@code native} or {@code none}. */
    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
