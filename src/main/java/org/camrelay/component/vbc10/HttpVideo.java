package org.camrelay.component.vbc10;

/** How the {@code http} transport gets pictures from a WebView camera. */
public enum HttpVideo {

    /**
     * One endless {@code GetOneShot} stream ({@code multipart/x-mixed-replace}) at the wanted frame rate, renewed at
     * once whenever the camera ends it at its maximum connection time. Also the only mode for a generic MJPEG camera's
     * {@code httpPath}.
     */
    ONE_SHOT,

    /**
     * A WebView session ({@code OpenCameraServer}) and one {@code GetLiveImage} request per frame, paced at the wanted
     * frame rate: for cameras that restrict {@code GetOneShot}.
     */
    LIVE_IMAGE
}
