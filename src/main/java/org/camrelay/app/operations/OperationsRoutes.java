package org.camrelay.app.operations;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.camrelay.app.operations.monitor.CameraMonitor;
import org.camrelay.app.routes.RoutesFolder;

/**
 * Operations pages on the relay's port, beside {@link FrontRoutes}: {@code /status}, {@code /api/cameras},
 * {@code /health} and {@code /metrics} (Prometheus text format), all read-only; and the cameras' pan/tilt/zoom at
 * {@code /api/cameras/NAME/ptz}, which needs a login to change anything.
 */
final class OperationsRoutes extends RouteBuilder {

    private static final String PORT = "jetty:http://{{camrelay.http.host}}:{{camrelay.http.port}}";

    private final CameraMonitor monitor;
    private final PrometheusMeterRegistry metrics;
    private final ApiAccess access;

    OperationsRoutes(CameraMonitor monitor, PrometheusMeterRegistry metrics, ApiAccess access) {
        this.monitor = monitor;
        this.metrics = metrics;
        this.access = access;
    }

    @Override
    public void configure() {
        RefusedFiles refused = new RefusedFiles(() -> RoutesFolder.refusedFiles(getCamelContext()));
        from(PORT + "/status?httpMethodRestrict=GET,HEAD").routeId("http-status")
                .process(access.optional(new StatusPage(monitor, refused)));
        from(PORT + "/api/cameras?matchOnUriPrefix=true&httpMethodRestrict=GET,HEAD,POST,DELETE")
                .routeId("http-api-cameras")
                .process(new CamerasApi(access.optional(new CamerasJson(monitor, refused)),
                        new PtzApi(getCamelContext(), access)));
        from(PORT + "/health?httpMethodRestrict=GET,HEAD").routeId("http-health")
                .process(new HealthJson());
        from(PORT + "/metrics?httpMethodRestrict=GET,HEAD").routeId("http-metrics")
                .setHeader(Exchange.CONTENT_TYPE, constant("text/plain; version=0.0.4; charset=utf-8"))
                .process(exchange -> exchange.getMessage().setBody(metrics.scrape()));
    }
}
