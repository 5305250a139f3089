package org.camrelay.component.transcode;

/**
 * One complete FLV tag as it goes on the wire: the 11-byte tag header, the data and the trailing 4-byte
 * PreviousTagSize. The array is shared, never modify it.
 *
 * @param bytes           the whole tag
 * @param keyframe        whether a decoder can start here (after the {@link FlvTranscoder#header() header})
 * @param timestampMillis the tag's timestamp in milliseconds
 */
public record FlvTag(byte[] bytes, boolean keyframe, long timestampMillis) {

    @Override
    public String toString() {
        return "FlvTag(" + bytes.length + " bytes, " + (keyframe ? "keyframe, " : "") + timestampMillis + " ms)";
    }
}
