package org.camrelay.component.vbc10.webview;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * A camera's answer to one WebView command. Canon's cameras report a command's outcome in the
 * {@code Livescope-Status} header ({@code 0} on success, {@code CODE MESSAGE} on error) of a {@code 200 OK}; text
 * bodies end their lines with LF only (CRLF is accepted too).
 *
 * @param httpStatus       the HTTP status code
 * @param livescopeCode    the code of {@code Livescope-Status}: 0 for success or when the header is missing
 * @param livescopeMessage the message after the code, empty when there is none
 * @param headers          the response headers
 * @param body             the body, as sent
 */
public record WebViewResponse(int httpStatus, int livescopeCode, String livescopeMessage, HttpHeaders headers,
        byte[] body) {

    /** The first line of every WebView error body. */
    public static final String ERROR_BANNER = "--- WebView Livescope Http Server Error ---";

    /** 301: the session does not have camera control. */
    public static final int NO_CAMERA_CONTROL_RIGHT = 301;
    /** 404: a GetNotice long poll ended without an event. */
    public static final int OPERATION_TIMEOUT = 404;
    /** 408: an exclusive operation, such as a second GetNotice on one session. */
    public static final int CONFLICT = 408;
    /** 501: the session does not exist (any more). */
    public static final int UNKNOWN_CONNECTION_ID = 501;

    /** 503: the camera serves as many clients as it may. */
    public static final int TOO_MANY_CLIENTS = 503;
    /** 507: the user may not do this, at least not now (access time restrictions, etc.). */
    public static final int INSUFFICIENT_PRIVILEGE = 507;
    /** The header that carries a command's outcome. */
    public static final String STATUS_HEADER = "Livescope-Status";

    /** An answer with its {@code Livescope-Status} parsed from the headers. */
    public static WebViewResponse of(int httpStatus, HttpHeaders headers, byte[] body) {
        String status = headers.get(STATUS_HEADER);
        return new WebViewResponse(httpStatus, statusCode(status), statusMessage(status), headers, body);
    }

    /** Whether both HTTP and the camera report success. */
    public boolean ok() {
        return httpStatus == 200 && livescopeCode == 0;
    }

    /** The body as text (WebView text is ASCII on a VB-C10, UTF-8 on later models). */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body's lines, without their LF or CRLF ends. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (String line : text().split("\n", -1)) {
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** The body's {@code key=value} lines, in order; the last of a repeated key wins. Other lines are left out. */
    public Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : lines()) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                fields.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
            }
        }
        return Collections.unmodifiableMap(fields);
    }

    /** The event number of a GetNotice answer ({@code Livescope-Notice}), or -1 if there is none. */
    public int notice() {
        String value = headers.get("Livescope-Notice");
        try {
            return value == null ? -1 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * What went wrong, fit for a log line: {@code "301 No Camera Control Right"} with the body's extra line if any, or
     * the HTTP status; empty when {@link #ok()}.
     */
    public String problem() {
        if (httpStatus != 200) {
            return "HTTP " + httpStatus;
        }
        if (livescopeCode == 0) {
            return "";
        }
        StringBuilder problem = new StringBuilder().append(livescopeCode);
        if (!livescopeMessage.isEmpty()) {
            problem.append(' ').append(livescopeMessage);
        }
        // the body repeats the message, then may add a line of detail
        List<String> lines = lines();
        if (!lines.isEmpty() && lines.get(0).trim().equals(ERROR_BANNER)) {
            lines.stream().skip(1).map(String::trim).filter(line -> !line.isEmpty())
                    .filter(line -> !livescopeMessage.equalsIgnoreCase(line)).limit(2)
                    .forEach(line -> problem.append(": ").append(line));
        }
        return problem.toString();
    }

    /**
     * The code of a {@code Livescope-Status} header value: 0 for success or a missing header, -1 for a value that does
     * not start with digits.
     */
    public static int statusCode(String header) {
        if (header == null || header.isBlank()) {
            return 0;
        }
        String value = header.trim();
        int end = 0;
        while (end < value.length() && Character.isDigit(value.charAt(end))) {
            end++;
        }
        try {
            return end == 0 ? -1 : Integer.parseInt(value.substring(0, end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The message after the code of a {@code Livescope-Status} header value; empty when there is none. */
    public static String statusMessage(String header) {
        if (header == null) {
            return "";
        }
        String value = header.trim();
        int end = 0;
        while (end < value.length() && Character.isDigit(value.charAt(end))) {
            end++;
        }
        return value.substring(end).trim();
    }

    @Override
    public String toString() {
        return "WebViewResponse[" + (ok() ? "OK" : problem()) + ", " + body.length + " bytes]";
    }
}
