package org.camrelay.simulator;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The responses of the WebView interface as a VB-C10 sends them [spec 1.1]: HTTP/1.0, header lines ending in CRLF,
 * text bodies with lines ending in LF only, and {@code Livescope-Status}: {@code 0} on success, or the error code
 * and message with HTTP {@code 200 OK} and the error body
 * <pre>
 * --- WebView Livescope Http Server Error ---
 * &lt;message&gt;
 * &lt;additional information&gt;
 * </pre>
 * The other headers (Date, Accept-Ranges, Cache-Control, Pragma) are as a VB-H41 recorded them (webviewcamera's
 * cassettes), without its {@code charset} [guess: the VB-C10 predates UTF-8 in WebView].
 */
final class WebViewResponses {

    static final String LIVESCOPE_STATUS = "Livescope-Status";
    static final String LIVESCOPE_NOTICE = "Livescope-Notice";
    static final String LIVESCOPE_FRAME_NUMBER = "Livescope-Frame-Number";
    static final String ERROR_TITLE = "--- WebView Livescope Http Server Error ---";

    private static final String TEXT = "text/plain";
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private WebViewResponses() {
    }

    /** A successful text answer, one line each. */
    static FullHttpResponse text(List<String> lines) {
        return textResponse(HttpResponseStatus.OK, "0", lines);
    }

    /** A WebView error: HTTP 200 with the code in {@code Livescope-Status}. */
    static FullHttpResponse error(LivescopeStatus status, String info) {
        return textResponse(HttpResponseStatus.OK, status.header(),
                info == null || info.isEmpty() ? List.of(ERROR_TITLE, status.message())
                        : List.of(ERROR_TITLE, status.message(), info));
    }

    /** An event answering GetNotice. */
    static FullHttpResponse notice(Notice notice) {
        FullHttpResponse response = text(notice.lines());
        response.headers().set(LIVESCOPE_NOTICE, notice.number());
        return response;
    }

    /** A picture: GetLiveImage with its serial number, or a single-frame GetOneShot without (null). */
    static FullHttpResponse jpeg(byte[] jpeg, Long frameNumber) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_0, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(jpeg));
        common(response.headers(), "0");
        if (frameNumber != null) {
            response.headers().set(LIVESCOPE_FRAME_NUMBER, frameNumber);
        }
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "image/jpeg");
        HttpUtil.setContentLength(response, jpeg.length);
        return response;
    }

    /** An error at the HTTP level, outside the WebView commands: 400, 401, 404, 405. */
    static FullHttpResponse http(HttpResponseStatus status, String body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_0, status,
                Unpooled.copiedBuffer(body + "\n", ISO_8859_1));
        response.headers()
                .set(HttpHeaderNames.DATE, date())
                .set(HttpHeaderNames.CONTENT_TYPE, TEXT);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        return response;
    }

    /** Sets the headers every WebView answer has. */
    static void common(HttpHeaders headers, String livescopeStatus) {
        headers.set(HttpHeaderNames.DATE, date())
                .set(HttpHeaderNames.ACCEPT_RANGES, HttpHeaderValues.NONE)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
                .set(HttpHeaderNames.PRAGMA, HttpHeaderValues.NO_CACHE)
                .set(LIVESCOPE_STATUS, livescopeStatus);
    }

    /** Marks a response to keep the connection or to close it after. */
    static void connection(HttpResponse response, boolean keepAlive) {
        response.headers().set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE
                : HttpHeaderValues.CLOSE);
    }

    private static FullHttpResponse textResponse(HttpResponseStatus status, String livescopeStatus, List<String> lines) {
        StringBuilder body = new StringBuilder();
        for (String line : lines) {
            body.append(line).append('\n');
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_0, status,
                Unpooled.copiedBuffer(body, ISO_8859_1));
        common(response.headers(), livescopeStatus);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, TEXT);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        return response;
    }

    private static String date() {
        return HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
    }
}
