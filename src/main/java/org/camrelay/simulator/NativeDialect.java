package org.camrelay.simulator;

/** The dialect a simulator speaks on its native video port. */
public enum NativeDialect {

    /**
     * The VB-C50i protocol as the ROS driver {@code canon_vbc50i} speaks it: ASCII command lines up to {@code START},
     * then videograms (8-byte header: type, three zero bytes, big-endian payload length); each empty type 0x85
     * videogram is answered by one type 0x02 videogram holding a JPEG. See {@link VideogramCameraHandler}.
     */
    VIDEOGRAM,

    /**
     * The older VB-C10 description: handshake bytes, a short reply, then one raw JPEG per request; see
     * {@link NativeCameraHandler}.
     */
    SIMPLE
}
