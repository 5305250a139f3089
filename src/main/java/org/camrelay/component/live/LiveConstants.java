package org.camrelay.component.live;

import org.apache.camel.spi.Metadata;
import org.camrelay.frame.FrameHeaders;

/** Message headers the {@code live:} producer reads for coded video (set by the {@code transcode:} component). */
public final class LiveConstants {

    @Metadata(description = "Whether the message body (one or more whole FLV tags) starts with a keyframe,"
            + " where a viewer can start or resume.", javaType = "Boolean")
    public static final String KEYFRAME = FrameHeaders.KEYFRAME;

    @Metadata(description = "What every viewer must get before the first tag: the FLV file header, metadata"
            + " and codec configuration.", javaType = "byte[]")
    public static final String STREAM_HEADER = FrameHeaders.STREAM_HEADER;

    @Metadata(description = "For FLV tags: the epoch milliseconds at the producer's FLV timestamp 0. The stream's"
            + " first producer sets the stream's epoch, sent to viewers as the X-Stream-Epoch response header so that"
            + " they can date each tag; the tags of a producer that takes the stream over later are re-stamped by the"
            + " difference, so that timestamps keep increasing.", javaType = "Long")
    public static final String STREAM_EPOCH = FrameHeaders.STREAM_EPOCH;

    private LiveConstants() {
    }
}
