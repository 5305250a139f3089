package org.camrelay.operations;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.camrelay.operations.monitor.CameraMonitor;

/**
 * Read-only operations pages on the relay's port, beside {@link FrontRoutes}: {@code /status},
 * {@code /api/cameras}, {@code /health} and {@code /metrics} (Prometheus text format).
 */
final class OperationsRoutes extends RouteBuilder {

    private static final String PORT = "jetty:http://{{camrelay.http.host}}:{{camrelay.http.port}}";

    private final CameraMonitor monitor;
    private final PrometheusMeterRegistry metrics;

    OperationsRoutes(CameraMonitor monitor, PrometheusMeterRegistry metrics) {
        this.monitor = monitor;
        this.metrics = metrics;
    }

    @Override
    public void configure() {
        from(PORT + "/status?httpMethodRestrict=GET,HEAD").routeId("http-status")
                .process(new StatusPage(monitor));
        from(PORT + "/api/cameras?httpMethodRestrict=GET,HEAD").routeId("http-api-cameras")
                .process(new CamerasJson(monitor));
        from(PORT + "/health?httpMethodRestrict=GET,HEAD").routeId("http-health")
                .process(new HealthJson());
        from(PORT + "/metrics?httpMethodRestrict=GET,HEAD").routeId("http-metrics")
                .setHeader(Exchange.CONTENT_TYPE, constant("text/plain; version=0.0.4; charset=utf-8"))
                .process(exchange -> exchange.getMessage().setBody(metrics.scrape()));
    }
}
