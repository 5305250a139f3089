package org.camrelay.app.operations;

import java.util.Locale;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.camrelay.app.operations.monitor.CameraMonitor;
import org.camrelay.app.operations.monitor.CameraStatus;

/** DOWN when a camera sent no frame within its stall timeout or its route is not running. */
final class CameraHealthCheck extends AbstractHealthCheck {

    static final String GROUP = "camera";

    private final String camera;
    private final CameraMonitor monitor;

    CameraHealthCheck(String camera, CameraMonitor monitor) {
        super(GROUP, camera);
        this.camera = camera;
        this.monitor = monitor;
    }

    @Override
    public boolean isLiveness() {
        // A camera being down is no reason to restart the relay.
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        CameraStatus status = monitor.camera(camera).orElse(null);
        if (status == null) {
            builder.down().message("camera '" + camera + "' is no longer configured");
            return;
        }
        long age = status.lastFrameAgeMillis(System.currentTimeMillis());
        builder.detail("state", status.state().name()).detail("address", status.address())
                .detail("lastFrameAgeMillis", age).detail("stallTimeoutMillis", status.stallTimeoutMillis());
        switch (status.state()) {
            case STREAMING -> builder.up();
            case STARTING -> builder.unknown().message("waiting for the first frame");
            case STOPPED -> builder.down().message("route '" + status.routeId() + "' is not running");
            case DOWN -> builder.down().message(age < 0 ? "no frame since the route started"
                    : String.format(Locale.ROOT, "no frame for %.1f s (stall timeout %.1f s)", age / 1000.0,
                            status.stallTimeoutMillis() / 1000.0));
        }
    }
}
