package org.camrelay.app.operations.monitor;

/**
 * Frames of one camera that did not reach a viewer, by where and why they were lost, from the camera to the
 * viewer. All are totals since the parts started.
 *
 * @param corrupt      truncated or malformed frames from the camera
 * @param oversize     frames over the camera's maxFrameSize
 * @param routeBusy    frames the camera consumer dropped because the route still had 8 in flight
 * @param limiter      frames the frame-rate limiter let end their route
 * @param encoderBusy  frames replaced by a newer one while the encoder was busy
 * @param encoderFailed frames the decoder or encoder refused
 * @param slowViewers  frames or FLV tags not sent to a viewer because it had fallen behind
 */
public record FrameDrops(long corrupt, long oversize, long routeBusy, long limiter, long encoderBusy,
        long encoderFailed, long slowViewers) {
}
