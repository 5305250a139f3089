package org.camrelay.delivery;

import org.apache.camel.spi.Metadata;

/** Message headers the {@code live:} producer reads for coded video (set by the {@code transcode:} component). */
public final class LiveConstants {

    @Metadata(description = "Whether the message body (one or more whole FLV tags) starts with a keyframe,"
            + " where a viewer can start or resume.", javaType = "Boolean")
    public static final String KEYFRAME = "CamelLiveKeyframe";

    @Metadata(description = "What every viewer must get before the first tag: the FLV file header, metadata"
            + " and codec configuration.", javaType = "byte[]")
    public static final String STREAM_HEADER = "CamelLiveStreamHeader";

    @Metadata(description = "For FLV tags: the epoch milliseconds at FLV timestamp 0, sent to viewers as the"
            + " X-Stream-Epoch response header so that they can date each tag.", javaType = "Long")
    public static final String STREAM_EPOCH = "CamelLiveStreamEpoch";

    private LiveConstants() {
    }
}
