package org.camrelay.app.operations;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRepository;
import org.camrelay.app.operations.monitor.CameraMonitor;
import org.camrelay.app.operations.monitor.CameraStatus;

/** One health check per camera the monitor currently knows, in Camel's health-check registry. */
final class CameraHealthChecks implements HealthCheckRepository {

    private final CamelContext context;
    private final CameraMonitor monitor;
    private final Map<String, CameraHealthCheck> checks = new ConcurrentHashMap<>();
    private volatile boolean enabled = true;

    CameraHealthChecks(CamelContext context, CameraMonitor monitor) {
        this.context = context;
        this.monitor = monitor;
    }

    @Override
    public Stream<HealthCheck> stream() {
        if (!enabled) {
            return Stream.empty();
        }
        checks.keySet().retainAll(monitor.cameras().stream().map(CameraStatus::name).toList());
        return monitor.cameras().stream().map(camera -> checks.computeIfAbsent(camera.name(), name -> {
            CameraHealthCheck check = new CameraHealthCheck(name, monitor);
            check.setCamelContext(context);
            return check;
        }));
    }

    @Override
    public String getId() {
        return "cameras";
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
