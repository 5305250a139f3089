package org.camrelay.source;

/** How the consumer gets frames from the camera. */
public enum Vbc10Transport {

    /** The VB-C10's own TCP video protocol (port 65310): a handshake, then one request byte per frame. */
    NATIVE,

    /**
     * HTTP: WebView video (the GetOneShot multipart/x-mixed-replace stream, or GetLiveImage requests, see
     * {@link HttpVideo}), or any MJPEG camera's stream.
     */
    HTTP
}
