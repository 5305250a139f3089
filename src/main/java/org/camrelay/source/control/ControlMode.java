package org.camrelay.source.control;

/** How the relay steers a camera's pan, tilt and zoom: option {@code control} of a {@code vbc10:} endpoint. */
public enum ControlMode {

    /** No control: the camera is only watched. */
    NONE,

    /** WebView HTTP on the camera's httpPort: a session, GetCameraControl, a GetNotice loop, OperateCamera. */
    WEBVIEW,

    /** The VB-C10/VB-C50's native control port. */
    NATIVE;

    /** The option's value: {@code none}, {@code webview} or {@code native}. */
    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
