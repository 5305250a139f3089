package org.camrelay.component.vbc10;

/** Which of the native video protocols on port 65310 a camera speaks. */
public enum Vbc10NativeDialect {

    /**
     * The VB-C50i protocol as reverse-engineered by the ROS driver: ASCII command lines (VERSION, login, SET Mode
     * Administrator, GET MUXCONF, START), then videograms, one type 0x02 videogram per type 0x85 request.
     */
    VIDEOGRAM,

    /** The older VB-C10 description: handshake bytes, a short reply, then one request per frame and raw JPEG back. */
    SIMPLE
}
