package org.camrelay.component.transcode;

/**
 * How an {@link FlvTranscoder} encodes.
 *
 * @param codec                    the video codec
 * @param width                    output width in pixels, even
 * @param height                   output height in pixels, even
 * @param fps                      the expected frame rate: tunes rate control only, frames keep their own timestamps
 * @param bitrate                  target bits per second
 * @param qmin                     best quantizer allowed, on H.263's 1..31 scale; FLV1 only
 * @param qmax                     worst quantizer allowed, on H.263's 1..31 scale; FLV1 only
 * @param keyframeIntervalSeconds  longest time between keyframes, i.e. the longest a new viewer waits for a picture
 */
public record TranscodeSettings(VideoCodec codec, int width, int height, double fps, int bitrate, int qmin, int qmax,
                                double keyframeIntervalSeconds) {

    /** The original ffserver set-up: FLV1, 320x240, 4 fps, 500 kb/s, qmin 1, qmax 5, a keyframe every 2 s. */
    public static final TranscodeSettings DEFAULT = new TranscodeSettings(VideoCodec.FLV1, 320, 240, 4, 500_000, 1, 5, 2.0);

    public TranscodeSettings {
        if (codec == null) {
            throw new IllegalArgumentException("codec is required");
        }
        // 4:2:0 chroma needs even sizes, and OpenH264 rejects odd ones
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("size must be positive and even: " + width + "x" + height);
        }
        if (!(fps > 0 && Double.isFinite(fps))) {
            throw new IllegalArgumentException("fps must be positive: " + fps);
        }
        if (bitrate <= 0) {
            throw new IllegalArgumentException("bitrate must be positive: " + bitrate);
        }
        if (qmin < 1 || qmax > 31 || qmin > qmax) {
            throw new IllegalArgumentException("need 1 <= qmin <= qmax <= 31: qmin " + qmin + ", qmax " + qmax);
        }
        if (!(keyframeIntervalSeconds > 0 && Double.isFinite(keyframeIntervalSeconds))) {
            throw new IllegalArgumentException("keyframe interval must be positive: " + keyframeIntervalSeconds);
        }
    }

    /** These settings with another codec. */
    public TranscodeSettings withCodec(VideoCodec newCodec) {
        return new TranscodeSettings(newCodec, width, height, fps, bitrate, qmin, qmax, keyframeIntervalSeconds);
    }

    /** Frames from one keyframe to the next, at the expected frame rate. */
    public int gopSize() {
        return (int) Math.max(1, Math.round(fps * keyframeIntervalSeconds));
    }
}
