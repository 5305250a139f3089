package org.camrelay.app.operations;

import java.util.Collection;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.camrelay.app.operations.monitor.CameraMonitor;
import org.camrelay.app.operations.monitor.CameraStatus;
import org.camrelay.app.operations.monitor.ControlSummary;
import org.camrelay.app.operations.monitor.FrameDrops;
import org.camrelay.app.operations.monitor.OutputStatus;

/**
 * {@code GET /api/cameras}: every camera with its state, rates, viewers, losses, outputs and pan/tilt/zoom control, as
 * JSON, and the route files the routes folder refuses ({@code refusedRouteFiles}). Who controls a camera is shown only to a caller who logged in ({@link ApiAccess#optional}).
 */
final class CamerasJson implements Processor {

    private final CameraMonitor monitor;
    private final RefusedFiles refused;

    CamerasJson(CameraMonitor monitor, RefusedFiles refused) {
        this.monitor = monitor;
        this.refused = refused;
    }

    @Override
    public void process(Exchange exchange) {
        String host = exchange.getMessage().getHeader("Host", String.class);
        String origin = host == null ? "" : "http://" + host;
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        JsonObject json = toJson(monitor.cameras(), origin, System.currentTimeMillis(),
                ApiAccess.user(exchange).isPresent());
        json.put("refusedRouteFiles", RefusedFiles.json(refused.current()));
        exchange.getMessage().setBody(json.toJson());
    }

    static JsonObject toJson(Collection<CameraStatus> cameras, String origin, long now, boolean names) {
        JsonArray list = new JsonArray();
        cameras.forEach(camera -> list.add(camera(camera, origin, now, names)));
        JsonObject json = new JsonObject();
        json.put("cameras", list);
        return json;
    }

    private static JsonObject camera(CameraStatus camera, String origin, long now, boolean names) {
        JsonObject json = new JsonObject();
        json.put("name", camera.name());
        json.put("state", camera.state().name());
        json.put("route", camera.routeId());
        json.put("address", camera.address());
        json.put("transport", camera.transport());
        json.put("connected", camera.connected());
        json.put("fpsIn", round(camera.framesPerSecondIn()));
        json.put("fpsOut", round(camera.framesPerSecondOut()));
        json.put("viewers", camera.viewers());
        json.put("lastFrameAgeMillis", camera.lastFrameAgeMillis(now));
        json.put("stallTimeoutMillis", camera.stallTimeoutMillis());
        json.put("framesReceived", camera.framesReceived());
        json.put("reconnects", camera.reconnects());
        json.put("streamRenewals", camera.streamRenewals());
        if (camera.problem() != null) {
            json.put("problem", camera.problem());
        }
        json.put("bytesOut", camera.bytesOut());
        json.put("encodeMicrosPerFrame", round(camera.encodeMicros()));
        json.put("framesDropped", drops(camera.drops()));
        camera.snapshotPath().ifPresent(path -> json.put("snapshot", origin + path));
        JsonArray outputs = new JsonArray();
        camera.outputs().forEach(output -> outputs.add(output(output, origin)));
        json.put("outputs", outputs);
        json.put("control", control(camera.control(), names));
        return json;
    }

    private static JsonObject control(ControlSummary control, boolean names) {
        JsonObject json = new JsonObject();
        json.put("mode", control.mode());
        json.put("available", control.available());
        json.put("controlled", control.controlled());
        if (names) {
            json.put("controller", control.controller());
        }
        json.put("queueLength", control.queueLength());
        json.put("grant", control.grant());
        json.put("commands", control.commands());
        json.put("commandsSent", control.commandsSent());
        json.put("commandsCoalesced", control.commandsCoalesced());
        json.put("refusals", control.refusals());
        json.put("takeOvers", control.takeOvers());
        json.put("handOvers", control.handOvers());
        return json;
    }

    private static JsonObject drops(FrameDrops drops) {
        JsonObject json = new JsonObject();
        json.put("corrupt", drops.corrupt());
        json.put("oversize", drops.oversize());
        json.put("routeBusy", drops.routeBusy());
        json.put("limiter", drops.limiter());
        json.put("encoderBusy", drops.encoderBusy());
        json.put("encoderFailed", drops.encoderFailed());
        json.put("slowViewers", drops.slowViewers());
        return json;
    }

    private static JsonObject output(OutputStatus output, String origin) {
        JsonObject json = new JsonObject();
        json.put("path", output.path());
        json.put("url", origin + output.urlPath());
        json.put("format", output.format());
        json.put("viewers", output.viewers());
        json.put("fps", round(output.framesPerSecond()));
        json.put("bitrate", output.bitrate());
        json.put("bytesOut", output.bytesOut());
        json.put("framesDiscarded", output.framesDiscarded());
        json.put("viewersServed", output.viewersServed());
        json.put("viewersRejected", output.viewersRejected());
        json.put("viewersStalled", output.viewersStalled());
        return json;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
