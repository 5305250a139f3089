package org.camrelay.app.operations;

import static org.camrelay.app.operations.Html.escape;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.camrelay.app.routes.RefusedRouteFile;

/**
 * The route files the routes folder refuses, for {@code /status} (at the top, in red) and {@code /api/cameras}
 * ({@code refusedRouteFiles}): each with its file, line, reason and since when, until it is fixed or removed.
 */
final class RefusedFiles {

    private final Supplier<List<RefusedRouteFile>> source;

    RefusedFiles(Supplier<List<RefusedRouteFile>> source) {
        this.source = source;
    }

    List<RefusedRouteFile> current() {
        return source.get();
    }

    /** {@code [{"file": "routes/lobby.xml", "line": 8, "reason": "...", "since": 1764445935123}]}. */
    static JsonArray json(List<RefusedRouteFile> refused) {
        JsonArray list = new JsonArray();
        for (RefusedRouteFile file : refused) {
            JsonObject json = new JsonObject();
            json.put("file", file.file());
            json.put("line", file.line());
            json.put("reason", file.reason());
            json.put("since", file.sinceMillis());
            list.add(json);
        }
        return list;
    }

    /** A box naming every refused file, or nothing when there is none. */
    static void html(StringBuilder html, List<RefusedRouteFile> refused, long now) {
        if (refused.isEmpty()) {
            return;
        }
        html.append("<div class=\"refused\"><h2>Refused route files</h2>\n<p>These files are not running as written:"
                + " whatever ran before from them keeps running, until they are fixed.</p>\n<table><tr><th>file</th>"
                + "<th>line</th><th>reason</th><th>since</th></tr>\n");
        for (RefusedRouteFile file : refused) {
            html.append("<tr><td>").append(escape(file.file())).append("</td><td>")
                    .append(file.line() > 0 ? Integer.toString(file.line()) : "").append("</td><td class=\"reason\">")
                    .append(escape(file.reason())).append("</td><td>")
                    .append(ago(Math.max(0, now - file.sinceMillis()))).append("</td></tr>\n");
        }
        html.append("</table></div>\n");
    }

    private static String ago(long millis) {
        long seconds = millis / 1000;
        if (seconds < 120) {
            return seconds + " s ago";
        }
        return seconds < 7200 ? seconds / 60 + " min ago" : String.format(Locale.ROOT, "%.1f h ago", seconds / 3600.0);
    }
}
