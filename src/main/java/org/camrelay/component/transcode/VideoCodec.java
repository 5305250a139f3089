package org.camrelay.component.transcode;

/** The video codecs an FLV stream can carry with the LGPL FFmpeg build. */
public enum VideoCodec {

    /** Sorenson H.263 (FLV1), what the original ffserver set-up sent; plays in Flash-era players and ffplay/VLC. */
    FLV1("flv"),

    /** H.264 Constrained Baseline through OpenH264 (the LGPL build has no libx264); plays in flv.js/mpegts.js. */
    H264("libopenh264");

    private final String encoderName;

    VideoCodec(String encoderName) {
        this.encoderName = encoderName;
    }

    /** FFmpeg's name of the encoder. */
    String encoderName() {
        return encoderName;
    }
}
