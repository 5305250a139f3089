package org.camrelay.app.operations;

import java.util.Collection;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/**
 * {@code GET /health}: every Camel health check (the context, the routes, each camera) as JSON; HTTP 503
 * when any is DOWN, so that a load balancer or uptime probe needs nothing but the status code.
 */
final class HealthJson implements Processor {

    @Override
    public void process(Exchange exchange) {
        // "full": every check, not only the ones that are DOWN
        Collection<HealthCheck.Result> results = HealthCheckHelper.invoke(exchange.getContext(), check -> Map.of(),
                check -> false, "full");
        boolean down = results.stream().anyMatch(r -> r.getState() == HealthCheck.State.DOWN);
        JsonArray checks = new JsonArray();
        results.stream()
                .sorted((a, b) -> name(a).compareTo(name(b)))
                .forEach(result -> checks.add(check(result)));
        JsonObject json = new JsonObject();
        json.put("status", down ? HealthCheck.State.DOWN.name() : HealthCheck.State.UP.name());
        json.put("checks", checks);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, down ? 503 : 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setHeader("Cache-Control", "no-cache");
        exchange.getMessage().setBody(json.toJson());
    }

    private static String name(HealthCheck.Result result) {
        HealthCheck check = result.getCheck();
        return check.getGroup() == null ? check.getId() : check.getGroup() + ":" + check.getId();
    }

    private static JsonObject check(HealthCheck.Result result) {
        JsonObject json = new JsonObject();
        json.put("name", name(result));
        json.put("status", result.getState().name());
        result.getMessage().ifPresent(message -> json.put("message", message));
        JsonObject details = new JsonObject();
        result.getDetails().forEach((key, value) -> {
            if (value instanceof Number || value instanceof Boolean || value instanceof String) {
                details.put(key, value);
            }
        });
        json.put("details", details);
        return json;
    }
}
