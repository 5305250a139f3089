package org.camrelay.component.vbc10.control;

import java.util.Objects;

/**
 * One camera's pan/tilt/zoom control on the relay: the camera-facing client and the arbiter sharing it among users.
 * The vbc10 component holds one per camera with {@code control} other than {@code none}, while the camera's consumer
 * runs ({@code Vbc10Component#control(String)}); routes reach it through the {@code vbc10:name} producer, the REST API
 * directly.
 */
public final class CameraControl {

    private final String camera;
    private final ControlProtocol mode;
    private final CameraControlClient client;
    private final ControlArbiter arbiter;

    public CameraControl(String camera, ControlProtocol mode, CameraControlClient client, ControlArbiter arbiter) {
        this.camera = Objects.requireNonNull(camera, "camera");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.client = Objects.requireNonNull(client, "client");
        this.arbiter = Objects.requireNonNull(arbiter, "arbiter");
    }

    public String camera() {
        return camera;
    }

    public ControlProtocol mode() {
        return mode;
    }

    /** The camera-facing client; steer through the {@link #arbiter()}, which decides whose turn it is. */
    public CameraControlClient client() {
        return client;
    }

    public ControlArbiter arbiter() {
        return arbiter;
    }

    /** Shorthand for {@code arbiter().status()}. */
    public ControlStatus status() {
        return arbiter.status();
    }

    /** Connects the client to the camera. */
    public void start() {
        client.start();
    }

    /** Ends every user's turn, gives the camera's slot back and disconnects. */
    public void stop() {
        try {
            arbiter.close();
        } finally {
            client.stop();
        }
    }

    @Override
    public String toString() {
        return "CameraControl[" + camera + ", " + mode.value() + "]";
    }
}
