package org.camrelay.source;

/** How the consumer gets frames from the camera. */
public enum Vbc10Transport {

    /** The native TCP video protocol (port 65310), in one of the {@link Vbc10NativeDialect}s. */
    NATIVE,

    /** A multipart/x-mixed-replace JPEG stream over HTTP: the WebView GetOneShot stream, or any MJPEG camera. */
    HTTP
}
