package org.camrelay.component.vbc10;

/** How the consumer gets frames from the camera. */
public enum Vbc10Transport {

    /** The native TCP video protocol (port 65310), in one of the {@link Vbc10NativeDialect}s. */
    NATIVE,

    /**
     * HTTP: WebView video (the GetOneShot multipart/x-mixed-replace stream, or GetLiveImage requests, see
     * {@link HttpVideo}), or any MJPEG camera's stream.
     */
    HTTP
}
