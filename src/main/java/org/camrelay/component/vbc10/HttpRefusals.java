package org.camrelay.component.vbc10;

import java.nio.charset.StandardCharsets;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.camrelay.component.vbc10.webview.WebViewResponse;

/**
 * Why a camera's HTTP answer cannot be used, in a few words for the log and the status page. Shared by the stream and
 * the GetLiveImage modes of the http transport; never names credentials or a query string.
 */
final class HttpRefusals {

    private HttpRefusals() {
    }

    /**
     * The refusal an HTTP status other than 200 means, or null for 200.
     *
     * @param code       the HTTP status code
     * @param configured whether a user name is configured
     * @param path       the request path without its query, for a 404
     */
    static String ofHttpStatus(int code, boolean configured, String path) {
        if (code == HttpResponseStatus.OK.code()) {
            return null;
        }
        String status = " (HTTP " + HttpResponseStatus.valueOf(code) + ")";
        if (code == HttpResponseStatus.UNAUTHORIZED.code()) {
            return configured
                    ? "authentication failed" + status
                    : "authentication required but no username and password are configured" + status;
        }
        if (code == HttpResponseStatus.FORBIDDEN.code()) {
            return "access denied" + status;
        }
        if (code == HttpResponseStatus.NOT_FOUND.code()) {
            return "path not found: " + path + status;
        }
        if (code >= 500) {
            return "camera error" + status;
        }
        return "unexpected response" + status;
    }

    /**
     * The refusal of a WebView command answered {@code 200 OK} with a non-zero {@code Livescope-Status}, or with an
     * error body and no such header: {@code "camera refused GetOneShot: 507 Insufficient Privilege"}, with a hint where
     * one helps.
     *
     * @param command the command, or what was asked for
     * @param answer  the answer, its body as far as it was read
     */
    static String ofWebView(String command, WebViewResponse answer) {
        String problem = answer.problem();
        if (problem.isEmpty()) {
            // an error body without Livescope-Status: its lines say what went wrong
            problem = String.join(": ", answer.lines().stream().map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.equals(WebViewResponse.ERROR_BANNER)).limit(2).toList());
        }
        String refusal = "camera refused " + command + ": " + (problem.isEmpty() ? "an error without a reason" : problem);
        if (command.equals("GetOneShot") && restricts(answer.livescopeCode())) {
            refusal += "; if the camera restricts GetOneShot, try httpVideo=liveImage";
        }
        return refusal;
    }

    /** Whether a body is a WebView error message, which some firmware may send without Livescope-Status. */
    static boolean isWebViewError(byte[] body) {
        String start = new String(body, 0, Math.min(body.length, 256), StandardCharsets.ISO_8859_1);
        return start.strip().startsWith(WebViewResponse.ERROR_BANNER);
    }

    /**
     * 507 (insufficient privilege: access restrictions), 407 (a function switched off) and 401 (a command the firmware
     * does not offer) are what a camera that allows no GetOneShot would answer; GetLiveImage may still be allowed.
     */
    private static boolean restricts(int livescopeCode) {
        return livescopeCode == WebViewResponse.INSUFFICIENT_PRIVILEGE || livescopeCode == 407
               || livescopeCode == 401;
    }
}
