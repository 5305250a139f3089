package org.camrelay.component.vbc10;

import java.util.Locale;
import java.util.Map;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * The readiness of one camera's consumer, as Camel's consumers health-check repository shows it for the consumer's
 * route ({@code consumer:ROUTE_ID}, with the route's own check before it): UP while the camera streams; DOWN when its
 * connection failed or no frame came within {@code stallTimeout}; UNKNOWN in the first stall timeout of a run,
 * before the first frame and before any failure. Details: the camera, its address (never its credentials), its state,
 * the age of its last frame, the stall timeout and, while down, the reason as logged.
 * <p>
 * Readiness only: a camera that is down is no reason to restart the process, so as a liveness check it is UP.
 */
public final class Vbc10ConsumerHealthCheck implements HealthCheck {

    private final Vbc10Consumer consumer;
    private final String id;
    private volatile boolean enabled = true;

    Vbc10ConsumerHealthCheck(Vbc10Consumer consumer, String routeId) {
        this.consumer = consumer;
        this.id = "vbc10-consumer-" + (routeId != null ? routeId : consumer.getEndpoint().getCamera());
    }

    @Override
    public String getGroup() {
        return "camel";
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    public Result call(Map<String, Object> options) {
        HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(this);
        Kind kind = (Kind) options.getOrDefault(CHECK_KIND, Kind.ALL);
        builder.detail(CHECK_KIND, kind.name());
        if (!enabled) {
            builder.detail(CHECK_ENABLED, false);
            return builder.message("Disabled").unknown().build();
        }
        if (kind == Kind.LIVENESS) {
            return builder.up().build();
        }
        Vbc10Endpoint endpoint = consumer.getEndpoint();
        long now = System.currentTimeMillis();
        CameraState state = endpoint.state(now);
        long age = endpoint.lastFrameAgeMillis(now);
        String camera = "camera '" + endpoint.getCamera() + "' (" + endpoint.getAddress() + ")";
        String problem = endpoint.getProblem();
        builder.detail("camera", endpoint.getCamera());
        builder.detail("address", endpoint.getAddress());
        builder.detail("state", state.name());
        builder.detail("connected", endpoint.isConnected());
        builder.detail("lastFrameAgeMillis", age);
        builder.detail("stallTimeoutMillis", endpoint.getStallTimeout());
        if (problem != null && state != CameraState.STREAMING) {
            builder.detail("reason", problem);
        }
        switch (state) {
            case STREAMING -> builder.up();
            case STARTING -> builder.unknown().message(camera + ": waiting for the first frame");
            case STOPPED -> builder.down().message(camera + ": its consumer is not running");
            case DOWN -> builder.down().message(camera + " is down: " + why(age, endpoint.getStallTimeout(), problem));
        }
        return builder.build();
    }

    private static String why(long age, long stallTimeout, String problem) {
        String frames = age < 0 ? "no frame since the consumer started"
                : String.format(Locale.ROOT, "last frame %.1f s ago", age / 1000.0);
        frames += String.format(Locale.ROOT, " (stall timeout %.1f s)", stallTimeout / 1000.0);
        return problem == null ? frames : problem + "; " + frames;
    }
}
