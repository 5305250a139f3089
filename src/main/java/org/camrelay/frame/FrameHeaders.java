package org.camrelay.frame;

/**
 * The headers a frame carries from stage to stage: the camera component sets the first six on every JPEG frame, the
 * transcoder the last three on every FLV tag. Stages read only these, never each other's classes, so that each
 * component can be taken alone and routes can be wired in any order Camel allows.
 */
public final class FrameHeaders {

    /** The camera's name ({@code String}). */
    public static final String CAMERA = "CamelFrameCamera";

    /** The frame's number from 1, counting every frame of the camera; it carries on across reconnects ({@code long}). */
    public static final String SEQUENCE = "CamelFrameSequence";

    /** When the frame's last byte was read, in milliseconds since the epoch ({@code long}). */
    public static final String RECEIVED_AT = "CamelFrameReceivedAt";

    /** {@link System#nanoTime()} when the frame's last byte was read, to measure latency within this JVM ({@code long}). */
    public static final String RECEIVED_NANOS = "CamelFrameReceivedNanos";

    /** The picture's width in pixels, from the JPEG frame header ({@code int}). */
    public static final String WIDTH = "CamelFrameWidth";

    /** The picture's height in pixels, from the JPEG frame header ({@code int}). */
    public static final String HEIGHT = "CamelFrameHeight";

    /** Whether coded video (one or more whole FLV tags) starts with a keyframe, where a viewer can start ({@code Boolean}). */
    public static final String KEYFRAME = "CamelFrameKeyframe";

    /**
     * What every viewer of coded video must get before the first tag: the FLV file header, metadata and codec
     * configuration ({@code byte[]}).
     */
    public static final String STREAM_HEADER = "CamelFrameStreamHeader";

    /** For FLV tags: the epoch milliseconds at FLV timestamp 0, so that a viewer can date each tag ({@code Long}). */
    public static final String STREAM_EPOCH = "CamelFrameStreamEpoch";

    private FrameHeaders() {
    }
}
