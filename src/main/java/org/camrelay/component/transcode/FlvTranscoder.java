package org.camrelay.component.transcode;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Transcodes JPEG frames into one live FLV stream, in memory and in process: mjpeg decoder, swscale to the
 * output size, FLV1 or H.264 encoder, FLV muxer.
 * <p>
 * A viewer first gets the {@link #header()}, then tags starting at a keyframe. Each frame's tag carries the
 * timestamp passed in, so the stream follows the wall clock and cannot drift from it.
 * <p>
 * Not thread-safe: FFmpeg's codec, scaler and format contexts are not. Use one transcoder per output stream,
 * from one thread at a time. All native memory is allocated up front and reused for every frame (the scaler
 * sets itself up again only if the input size or pixel format changes); {@link #close()} frees it.
 */
public final class FlvTranscoder implements AutoCloseable {

    static {
        // FFmpeg logs to stderr, outside the application's logging: keep only errors
        av_log_set_level(AV_LOG_ERROR);
    }

    private JpegDecoder decoder;
    private FrameScaler scaler;
    private VideoEncoder encoder;
    private FlvMuxer muxer;
    private long lastTimestamp = -1;
    private boolean closed;

    /** Opens the codecs and muxer and writes the stream header. */
    public FlvTranscoder(TranscodeSettings settings) {
        try {
            decoder = new JpegDecoder();
            scaler = new FrameScaler(settings.width(), settings.height());
            encoder = new VideoEncoder(settings);
            muxer = new FlvMuxer(encoder.context());
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /**
     * Everything a viewer needs before the first tag: the FLV file header with PreviousTagSize0, the onMetaData
     * tag and, for H.264, the AVC sequence header tag. A new array on each call.
     */
    public byte[] header() {
        requireOpen();
        return muxer.header().clone();
    }

    /**
     * Transcodes one frame.
     *
     * @param jpeg            a complete JPEG image, any size, 4:2:0, 4:2:2 or 4:4:4
     * @param timestampMillis when the frame was received, in milliseconds from the start of the stream (not
     *                        negative); one not after the previous frame's is taken as the previous + 1, because
     *                        encoders and FLV need strictly increasing timestamps
     * @return the frame's tags, whole, each with its trailing PreviousTagSize: with these encoder settings
     *         exactly one video tag
     * @throws TranscodeException the JPEG is damaged or not a JPEG; the frame is skipped and the transcoder stays
     *                            usable
     */
    public List<FlvTag> transcode(byte[] jpeg, long timestampMillis) throws TranscodeException {
        requireOpen();
        if (timestampMillis < 0) {
            throw new IllegalArgumentException("negative timestamp: " + timestampMillis);
        }
        AVFrame picture = scaler.scale(decoder.decode(jpeg));
        long timestamp = Math.max(timestampMillis, lastTimestamp + 1);
        List<FlvTag> tags = new ArrayList<>(1);
        encoder.encode(picture, timestamp, packet -> tags.addAll(muxer.write(packet, timestamp)));
        lastTimestamp = timestamp;
        return tags;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("transcoder is closed");
        }
    }

    /** Frees all native resources. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (muxer != null) {
            muxer.close();
        }
        if (encoder != null) {
            encoder.close();
        }
        if (scaler != null) {
            scaler.close();
        }
        if (decoder != null) {
            decoder.close();
        }
    }
}
