package org.camrelay.app.operations.monitor;

import java.util.List;
import java.util.Optional;

import org.camrelay.component.vbc10.CameraState;

/**
 * One camera at one instant, as every operations view shows it, read from the managed attributes of its parts
 * (the {@code vbc10:} endpoint, the limiters, encoders and outputs of its route). Holds the camera's address, never
 * its credentials.
 *
 * @param name                 the camera's name ({@code vbc10:name})
 * @param routeId              the route that pulls it
 * @param address              host and port it is pulled from
 * @param transport            {@code native} or {@code http}
 * @param state                see {@link CameraState}
 * @param connected            whether a connection is open and has delivered frames
 * @param stallTimeoutMillis   how long it may send nothing before it counts as down
 * @param lastFrameAt          epoch milliseconds of the last frame, 0 if none came
 * @param framesPerSecondIn    frames received from the camera per second
 * @param framesPerSecondOut   frames published to its outputs per second, all outputs together
 * @param framesReceived       frames received since the route started
 * @param reconnects           connection attempts after the first one
 * @param streamRenewals       streams the camera ended routinely (its maximum connection time), renewed at once
 * @param problem              why it is not streaming, as logged; null while frames flow
 * @param drops                frames lost, by cause
 * @param encodeMicros         mean encoding time per frame over its encoders, in microseconds (0 without any)
 * @param outputs              its live streams
 * @param control              its pan/tilt/zoom control
 */
public record CameraStatus(String name, String routeId, String address, String transport, CameraState state,
        boolean connected, long stallTimeoutMillis, long lastFrameAt, double framesPerSecondIn,
        double framesPerSecondOut, long framesReceived, long reconnects, long streamRenewals, String problem,
        FrameDrops drops, double encodeMicros, List<OutputStatus> outputs, ControlSummary control) {

    /** Milliseconds since the last frame at {@code nowMillis}, or -1 if none came. */
    public long lastFrameAgeMillis(long nowMillis) {
        return lastFrameAt == 0 ? -1 : Math.max(0, nowMillis - lastFrameAt);
    }

    /**
     * Where the camera's latest picture is served, below the URL namespace of its first MJPEG output (which need not
     * be the camera's name), e.g. {@code /cams/demo/snapshot.jpg}; empty without an MJPEG output.
     */
    public Optional<String> snapshotPath() {
        return outputs.stream().filter(output -> output.format().equals("mjpeg")).findFirst()
                .map(output -> "/cams/" + output.path().substring(0, output.path().indexOf('/')) + "/snapshot.jpg");
    }

    public int viewers() {
        return outputs.stream().mapToInt(OutputStatus::viewers).sum();
    }

    public long bytesOut() {
        return outputs.stream().mapToLong(OutputStatus::bytesOut).sum();
    }
}
