package org.camrelay.source;

/** How the consumer gets frames from the camera. */
public enum Vbc10Transport {

    /** The VB-C10's own TCP video protocol (port 65310): a handshake, then one request byte per frame. */
    NATIVE,

    /** A multipart/x-mixed-replace JPEG stream over HTTP: the WebView GetOneShot stream, or any MJPEG camera. */
    HTTP
}
