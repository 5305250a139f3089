package org.camrelay.app.operations.monitor;

/**
 * One live stream of a camera as viewers see it.
 *
 * @param path             below {@code /cams/}, e.g. {@code demo/stream.flv}
 * @param format           {@code mjpeg} or {@code flv}
 * @param viewers          watching now
 * @param framesPerSecond  frames (FLV tags) published per second
 * @param bitrate          bits per second published
 * @param bytesOut         bytes sent to all viewers
 * @param framesDiscarded  frames not sent to a viewer that had fallen behind
 * @param viewersServed    viewers ever attached
 * @param viewersRejected  viewers turned away by maxViewers or maxViewerBitrate
 * @param viewersStalled   viewers disconnected because they accepted nothing for too long
 */
public record OutputStatus(String path, String format, int viewers, double framesPerSecond, long bitrate,
        long bytesOut, long framesDiscarded, long viewersServed, long viewersRejected, long viewersStalled) {

    /** The URL path viewers open. */
    public String urlPath() {
        return "/cams/" + path;
    }
}
