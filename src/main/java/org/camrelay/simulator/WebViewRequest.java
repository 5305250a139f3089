package org.camrelay.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command and parameters of one WebView request [spec 1.1, 2.2]: from the query string, and for POST also
 * from the body, where parameters may be separated by line breaks as well as {@code &}; the query string comes
 * first, so the body wins. Names are not case-sensitive; the last of a repeated parameter wins, except for those
 * that may be given several times ({@link #all}).
 */
final class WebViewRequest {

    /** One parameter, named in lower case as the client wrote it (which matters for {@code p} against {@code pan}). */
    record Param(String name, String value) {
    }

    private final String command;
    private final List<Param> params;

    private WebViewRequest(String command, List<Param> params) {
        this.command = command;
        this.params = params;
    }

    /**
     * @param command the command name from the path, in any case
     * @param query   the query string without '?', or null
     * @param body    the POST body, or null
     * @throws IllegalArgumentException on a malformed percent escape
     */
    static WebViewRequest parse(String command, String query, String body) {
        List<Param> params = new ArrayList<>();
        add(params, query, "&");
        add(params, body, "[&\r\n]");
        return new WebViewRequest(command.toLowerCase(Locale.ROOT), params);
    }

    private static void add(List<Param> params, String text, String separator) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (String pair : text.split(separator)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            params.add(new Param(QueryStringDecoder.decodeComponent(name, UTF_8).trim().toLowerCase(Locale.ROOT),
                    QueryStringDecoder.decodeComponent(value, UTF_8).trim()));
        }
    }

    /** The command name in lower case. */
    String command() {
        return command;
    }

    /** The last parameter with any of these (lower-case) names, or null. */
    Param last(String... names) {
        for (int i = params.size() - 1; i >= 0; i--) {
            Param param = params.get(i);
            for (String name : names) {
                if (param.name().equals(name)) {
                    return param;
                }
            }
        }
        return null;
    }

    /** The value of {@link #last}, or null. */
    String value(String... names) {
        Param param = last(names);
        return param == null ? null : param.value();
    }

    /** Every value of a parameter that may be repeated, each also split at commas, in lower case. */
    List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (Param param : params) {
            if (param.name().equals(name)) {
                for (String value : param.value().split(",")) {
                    if (!value.isBlank()) {
                        values.add(value.trim().toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return values;
    }
}
