package org.camrelay.app.operations;

import static org.camrelay.app.operations.Html.escape;

import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.camrelay.app.operations.monitor.CameraMonitor;
import org.camrelay.app.operations.monitor.CameraStatus;
import org.camrelay.app.operations.monitor.ControlSummary;
import org.camrelay.app.operations.monitor.FrameDrops;
import org.camrelay.app.operations.monitor.OutputStatus;
import org.camrelay.component.vbc10.CameraState;

/**
 * {@code GET /status}: what ffserver's stat.html was, per camera: state, rates, viewers, where frames are
 * lost, every output with its viewers and traffic, and each camera's pan/tilt/zoom control (who controls it only for
 * a caller who logged in); above them, any route file the routes folder refuses. Refreshes itself every 5 seconds.
 */
final class StatusPage implements Processor {

    private final CameraMonitor monitor;
    private final RefusedFiles refused;

    StatusPage(CameraMonitor monitor, RefusedFiles refused) {
        this.monitor = monitor;
        this.refused = refused;
    }

    @Override
    public void process(Exchange exchange) {
        long now = System.currentTimeMillis();
        StringBuilder html = new StringBuilder(4096).append("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
                <title>camrelay status</title>
                <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}
                th,td{border:1px solid #ccc;padding:.3em .6em;text-align:right}th:first-child,td:first-child{text-align:left}
                .STREAMING{color:#070}.STARTING{color:#a60}.DOWN,.STOPPED{color:#c00;font-weight:bold}
                .refused{border:2px solid #c00;background:#fee;padding:0 1em;margin-bottom:1.5em}.refused h2{color:#c00}
                .refused td.reason{text-align:left}</style></head><body>
                <h1>camrelay status</h1>
                <p><a href="/">Cameras</a> · <a href="/api/cameras">JSON</a> · <a href="/health">Health</a> ·
                <a href="/metrics">Prometheus metrics</a> · <a href="/hawtio/">Hawtio console</a></p>
                """);
        RefusedFiles.html(html, refused.current(), now);
        if (monitor.cameras().isEmpty()) {
            html.append("<p>No cameras: add a route to <code>routes/</code>.</p>\n");
        } else {
            html.append("<table><tr><th>camera</th><th>state</th><th>address</th><th>last frame</th><th>fps in</th>"
                    + "<th>fps out</th><th>viewers</th><th>sent</th><th>reconnects</th><th>stream renewals</th><th>lost: corrupt</th>"
                    + "<th>oversize</th><th>route busy</th><th>limiter</th><th>encoder busy</th><th>encoder failed</th>"
                    + "<th>slow viewers</th><th>encode µs/frame</th></tr>\n");
            monitor.cameras().forEach(camera -> cameraRow(html, camera, now));
            html.append("</table>\n<table><tr><th>output</th><th>format</th><th>viewers</th><th>fps</th>"
                    + "<th>kb/s</th><th>sent</th><th>frames skipped for slow viewers</th><th>viewers served</th>"
                    + "<th>turned away</th><th>stalled</th></tr>\n");
            monitor.cameras().forEach(camera -> camera.outputs().forEach(output -> outputRow(html, output)));
            html.append("</table>\n");
            boolean names = ApiAccess.user(exchange).isPresent();
            if (monitor.cameras().stream().anyMatch(camera -> camera.control().enabled())) {
                html.append("<table><tr><th>pan/tilt/zoom</th><th>mode</th><th>available</th><th>controlled by</th>"
                        + "<th>waiting</th><th>camera's grant</th><th>commands</th><th>sent</th><th>coalesced</th>"
                        + "<th>camera refusals</th><th>take-overs</th><th>hand-overs</th></tr>\n");
                monitor.cameras().stream().filter(camera -> camera.control().enabled())
                        .forEach(camera -> controlRow(html, camera.name(), camera.control(), names));
                html.append("</table>\n");
            }
        }
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/html;charset=utf-8");
        exchange.getMessage().setBody(html.append("</body></html>\n").toString());
    }

    private static void cameraRow(StringBuilder html, CameraStatus camera, long now) {
        long age = camera.lastFrameAgeMillis(now);
        FrameDrops drops = camera.drops();
        html.append("<tr><td>").append(escape(camera.name())).append("</td><td class=\"")
                .append(camera.state().name()).append("\">").append(camera.state().name());
        if (camera.problem() != null && camera.state() != CameraState.STREAMING) {
            html.append("<br><small>").append(escape(camera.problem())).append("</small>");
        }
        html.append("</td><td>")
                .append(escape(camera.address())).append(" (").append(camera.transport()).append(")</td>");
        cells(html, age < 0 ? "never" : String.format(Locale.ROOT, "%.1f s ago", age / 1000.0),
                decimal(camera.framesPerSecondIn()), decimal(camera.framesPerSecondOut()), camera.viewers(),
                bytes(camera.bytesOut()), camera.reconnects(), camera.streamRenewals(), drops.corrupt(),
                drops.oversize(), drops.routeBusy(), drops.limiter(), drops.encoderBusy(), drops.encoderFailed(), drops.slowViewers(),
                camera.encodeMicros() == 0 ? "" : Math.round(camera.encodeMicros()));
        html.append("</tr>\n");
    }

    private static void controlRow(StringBuilder html, String camera, ControlSummary control, boolean names) {
        html.append("<tr><td>").append(escape(camera)).append("</td>");
        cells(html, control.mode(), control.available() ? "yes" : "no",
                !control.controlled() ? "nobody" : names ? control.controller() : "a user", control.queueLength(),
                control.grant(), control.commands(), control.commandsSent(), control.commandsCoalesced(),
                control.refusals(), control.takeOvers(), control.handOvers());
        html.append("</tr>\n");
    }

    private static void outputRow(StringBuilder html, OutputStatus output) {
        String url = escape(output.urlPath());
        html.append("<tr><td><a href=\"").append(url).append("\">").append(url).append("</a></td>");
        cells(html, output.format(), output.viewers(), decimal(output.framesPerSecond()), output.bitrate() / 1000,
                bytes(output.bytesOut()), output.framesDiscarded(), output.viewersServed(), output.viewersRejected(),
                output.viewersStalled());
        html.append("</tr>\n");
    }

    private static void cells(StringBuilder html, Object... values) {
        for (Object value : values) {
            html.append("<td>").append(escape(String.valueOf(value))).append("</td>");
        }
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String bytes(long count) {
        if (count < 10_000) {
            return count + " B";
        }
        return count < 10_000_000 ? count / 1000 + " kB" : count / 1_000_000 + " MB";
    }
}
