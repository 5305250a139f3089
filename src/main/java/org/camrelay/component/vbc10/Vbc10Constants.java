package org.camrelay.component.vbc10;

import org.apache.camel.spi.Metadata;
import org.camrelay.frame.FrameHeaders;

/**
 * The headers of the exchanges that the vbc10 consumer creates, one exchange per frame (the frame headers of
 * {@link FrameHeaders}, which the other stages read); and the headers the vbc10 producer takes to steer a camera's
 * pan, tilt and zoom.
 */
public final class Vbc10Constants {

    @Metadata(description = "The camera's name, from the endpoint URI.", javaType = "String", important = true)
    public static final String CAMERA = FrameHeaders.CAMERA;

    @Metadata(description = "The frame's number, from 1, counting every frame the consumer delivered; it carries on"
                            + " across reconnects.",
              javaType = "long", important = true)
    public static final String SEQUENCE = FrameHeaders.SEQUENCE;

    @Metadata(description = "When the frame's last byte was read, in milliseconds since the epoch.", javaType = "long")
    public static final String RECEIVED_AT = FrameHeaders.RECEIVED_AT;

    @Metadata(description = "System.nanoTime() when the frame's last byte was read, to measure latency within this"
                            + " JVM.",
              javaType = "long")
    public static final String RECEIVED_NANOS = FrameHeaders.RECEIVED_NANOS;

    @Metadata(description = "The image width in pixels, from the JPEG frame header.", javaType = "int")
    public static final String WIDTH = FrameHeaders.WIDTH;

    @Metadata(description = "The image height in pixels, from the JPEG frame header.", javaType = "int")
    public static final String HEIGHT = FrameHeaders.HEIGHT;

    // ---- pan/tilt/zoom control, for the producer ----

    @Metadata(label = "producer", description = "What to do: command (the default: steer the camera with the"
                                                + " PtzCommand in the body), acquire (ask for control, or queue),"
                                                + " release (give control up, or leave the queue) or status. The"
                                                + " body becomes the PtzState after a command, the ControlStatus"
                                                + " otherwise.",
              javaType = "String", enums = "command,acquire,release,status", defaultValue = "command", important = true)
    public static final String CONTROL_ACTION = "CamelVbc10ControlAction";

    @Metadata(label = "producer", description = "The relay user on whose behalf the camera is steered; required for"
                                                + " command, acquire and release.",
              javaType = "String", important = true)
    public static final String CONTROL_USER = "CamelVbc10ControlUser";

    @Metadata(label = "producer", description = "The user's role: control, or admin, which may take control over from"
                                                + " a control user (see CamelVbc10ControlTakeOver).",
              javaType = "String", enums = "control,admin", defaultValue = "control")
    public static final String CONTROL_ROLE = "CamelVbc10ControlRole";

    @Metadata(label = "producer", description = "With acquire: take control over from the user in control if the"
                                                + " role outranks theirs; they go to the head of the queue.",
              javaType = "boolean", defaultValue = "false")
    public static final String CONTROL_TAKE_OVER = "CamelVbc10ControlTakeOver";

    @Metadata(label = "producer", description = "Set by the producer after acquire, release and status: the user's"
                                                + " place in the queue from 1, 0 while they control the camera, -1"
                                                + " when they do neither.",
              javaType = "int")
    public static final String CONTROL_PLACE = "CamelVbc10ControlPlace";

    private Vbc10Constants() {
    }
}
