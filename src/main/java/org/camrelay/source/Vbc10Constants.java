package org.camrelay.source;

import org.apache.camel.spi.Metadata;

/** The headers of the exchanges that the vbc10 consumer creates, one exchange per frame. */
public final class Vbc10Constants {

    @Metadata(description = "The camera's name, from the endpoint URI.", javaType = "String", important = true)
    public static final String CAMERA = "CamelVbc10Camera";

    @Metadata(description = "The frame's number, from 1, counting every frame the consumer delivered; it carries on"
                            + " across reconnects.",
              javaType = "long", important = true)
    public static final String SEQUENCE = "CamelVbc10Sequence";

    @Metadata(description = "When the frame's last byte was read, in milliseconds since the epoch.", javaType = "long")
    public static final String RECEIVED_AT = "CamelVbc10ReceivedAt";

    @Metadata(description = "System.nanoTime() when the frame's last byte was read, to measure latency within this"
                            + " JVM.",
              javaType = "long")
    public static final String RECEIVED_NANOS = "CamelVbc10ReceivedNanos";

    @Metadata(description = "The image width in pixels, from the JPEG frame header.", javaType = "int")
    public static final String WIDTH = "CamelVbc10Width";

    @Metadata(description = "The image height in pixels, from the JPEG frame header.", javaType = "int")
    public static final String HEIGHT = "CamelVbc10Height";

    private Vbc10Constants() {
    }
}
