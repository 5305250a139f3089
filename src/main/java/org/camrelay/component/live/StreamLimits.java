package org.camrelay.component.live;

/**
 * What a live stream allows its viewers.
 *
 * @param viewerQueueSize  packets a viewer may fall behind before it skips to the next keyframe
 * @param maxViewers       viewers at once, 0 for no limit
 * @param maxViewerBitrate bits per second to all viewers together, 0 for no limit
 * @param maxGopPackets    packets kept since the last keyframe for joining viewers
 */
public record StreamLimits(int viewerQueueSize, int maxViewers, long maxViewerBitrate, int maxGopPackets) {
}
