package org.camrelay.component.live;

/**
 * One uninterrupted stretch of a live stream: what one producer published under one stream header (MediaMTX
 * calls it a sub-stream). A stream starts a new segment when a new producer takes it over, after a route edit
 * or restart, and when its codec headers change. A viewer goes from one segment to the next at the new one's
 * first keyframe, so that it never decodes a picture against another encoder's pictures; compared by identity.
 *
 * @param preamble     what a viewer that has nothing yet gets first (the whole FLV header); null when the format
 *                     needs none, or the producer has not sent it yet
 * @param continuation what a viewer who watched an earlier segment gets before the first keyframe of this one:
 *                     the new codec configuration, timed at that keyframe; null when it needs nothing
 * @param header       the parsed stream header, for FLV; null otherwise
 */
record StreamSegment(MediaPacket preamble, MediaPacket continuation, FlvHeader header) {

    /** A segment without headers (any MJPEG segment, or coded video before its header), distinct from every other. */
    static StreamSegment plain() {
        return new StreamSegment(null, null, null);
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
