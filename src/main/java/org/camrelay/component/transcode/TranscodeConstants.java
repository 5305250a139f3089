package org.camrelay.component.transcode;

import org.apache.camel.spi.Metadata;
import org.camrelay.frame.FrameHeaders;

/** The headers the transcode producer reads from each JPEG frame and sets on the FLV tags that replace it. */
public final class TranscodeConstants {

    @Metadata(description = "Read: when the frame's last byte was read, in milliseconds since the epoch; the first"
                            + " frame's dates FLV timestamp 0 (CamelFrameStreamEpoch).", javaType = "long")
    public static final String RECEIVED_AT = FrameHeaders.RECEIVED_AT;

    @Metadata(description = "Read: System.nanoTime() when the frame's last byte was read; each tag's timestamp is"
                            + " its frame's, so timestamps follow the camera and do not drift.", javaType = "long")
    public static final String RECEIVED_NANOS = FrameHeaders.RECEIVED_NANOS;

    @Metadata(description = "Set: whether the body (one or more whole FLV tags) starts with a keyframe, where a"
                            + " viewer can start or resume.", javaType = "Boolean")
    public static final String KEYFRAME = FrameHeaders.KEYFRAME;

    @Metadata(description = "Set: what every viewer must get before the first tag: the FLV file header, metadata"
                            + " and codec configuration.", javaType = "byte[]")
    public static final String STREAM_HEADER = FrameHeaders.STREAM_HEADER;

    @Metadata(description = "Set: the epoch milliseconds at FLV timestamp 0, so that a viewer can date each tag.",
              javaType = "Long")
    public static final String STREAM_EPOCH = FrameHeaders.STREAM_EPOCH;

    private TranscodeConstants() {
    }
}
