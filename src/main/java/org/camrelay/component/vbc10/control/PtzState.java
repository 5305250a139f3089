package org.camrelay.component.vbc10.control;

/**
 * What a camera-control client knows of its camera at one moment.
 *
 * @param available        whether the camera answers the client and its limits are known (on the native control
 *                         port: while connected, which is only while control is wanted)
 * @param position         the last position the camera reported, null until known
 * @param limits           the camera's control limits, null until known
 * @param grant            the relay's standing with the camera's control slot
 * @param commandsSent     commands sent to the camera
 * @param commandsCoalesced commands merged into a newer one before they were sent
 * @param refusals         commands or control requests the camera refused
 */
public record PtzState(boolean available, PtzPosition position, PtzLimits limits, CameraGrant grant,
        long commandsSent, long commandsCoalesced, long refusals) {
}
