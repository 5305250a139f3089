package org.camrelay.component.live;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the live streams under {@code /cams/} straight from Jetty's asynchronous core API, so a viewer
 * costs a queue and a connection, never a thread. Everything else goes on to the wrapped handler (the
 * Camel routes on the same port when mounted through camel-jetty's {@code handlers} option, a plain 404 on the
 * component's own server, {@link LiveHttpServer}).
 *
 * <ul>
 * <li>{@code /cams/{camera}/{stream}.mjpeg}: the stream as {@code multipart/x-mixed-replace};</li>
 * <li>{@code /cams/{camera}/{stream}.jpg}: the stream's latest frame;</li>
 * <li>{@code /cams/{camera}/snapshot.jpg}: the latest frame of the camera's main JPEG stream.</li>
 * </ul>
 */
public class LiveHttpHandler extends Handler.Wrapper {

    static final String PREFIX = "/cams/";
    static final String SNAPSHOT = "snapshot";

    private final StreamRegistry streams;

    public LiveHttpHandler(StreamRegistry streams) {
        this.streams = streams;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getDecodedPath();
        if (path == null || !path.startsWith(PREFIX)) {
            return super.handle(request, response, callback);
        }
        String method = request.getMethod();
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            return text(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, method + " is not supported here");
        }
        String[] parts = path.substring(PREFIX.length()).split("/", -1);
        int dot = parts.length == 2 ? parts[1].lastIndexOf('.') : -1;
        if (dot <= 0) {
            return text(response, callback, HttpStatus.NOT_FOUND_404,
                    "expected /cams/{camera}/{stream}.mjpeg or /cams/{camera}/snapshot.jpg");
        }
        String camera = parts[0];
        String name = parts[1].substring(0, dot);
        String extension = parts[1].substring(dot + 1);
        List<LiveStream> ofCamera = streams.ofCamera(camera);
        if (ofCamera.isEmpty()) {
            return text(response, callback, HttpStatus.NOT_FOUND_404, "unknown camera '" + camera + "'");
        }
        if (extension.equals("jpg")) {
            LiveStream stream = name.equals(SNAPSHOT) ? mainImageStream(ofCamera)
                    : streams.find(camera, name, LiveFormat.MJPEG);
            if (stream != null) {
                return snapshot(stream, request, response, callback);
            }
        } else {
            LiveFormat format = LiveFormat.ofExtension(extension);
            LiveStream stream = format == null ? null : streams.find(camera, name, format);
            if (stream != null) {
                return view(stream, request, response, callback);
            }
        }
        return text(response, callback, HttpStatus.NOT_FOUND_404, "camera '" + camera + "' has no '" + parts[1]
                + "'; it serves " + ofCamera.stream().map(LiveStream::path).collect(Collectors.joining(", ")));
    }

    /** The stream named {@code stream} if it carries JPEG frames, else the camera's first one that does. */
    private static LiveStream mainImageStream(List<LiveStream> ofCamera) {
        LiveStream first = null;
        for (LiveStream stream : ofCamera) {
            if (stream.format() == LiveFormat.MJPEG) {
                if (stream.name().equals("stream")) {
                    return stream;
                }
                first = first == null ? stream : first;
            }
        }
        return first;
    }

    private static boolean snapshot(LiveStream stream, Request request, Response response, Callback callback) {
        byte[] jpeg = stream.latestImage();
        if (jpeg == null) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            return text(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503,
                    "camera '" + stream.camera() + "' has not delivered a frame yet");
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "image/jpeg");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, no-store");
        response.getHeaders().put("X-Frame-Age-Ms",
                Long.toString(Math.max(0, System.currentTimeMillis() - stream.latestImageAtMillis())));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, jpeg.length);
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(jpeg), callback);
        return true;
    }

    private static boolean view(LiveStream stream, Request request, Response response, Callback callback) {
        String refusal = stream.refusal();
        if (refusal != null) {
            return full(stream, refusal, response, callback);
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, stream.format().contentType());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, no-store");
        response.getHeaders().put(HttpHeader.PRAGMA, "no-cache");
        // Tells reverse proxies such as nginx to pass frames on at once instead of buffering them.
        response.getHeaders().put("X-Accel-Buffering", "no");
        // The stream never ends, so the connection cannot be reused: sending the body as it is, delimited
        // by closing the connection, spares chunk framing on every write to every viewer.
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        if (stream.epochMillis() != 0) {
            response.getHeaders().put(LiveFormat.STREAM_EPOCH, stream.epochMillis());
        }
        if (HttpMethod.HEAD.is(request.getMethod())) {
            response.write(true, ByteBuffer.allocate(0), callback);
            return true;
        }
        String remote = Request.getRemoteAddr(request) + ":" + Request.getRemotePort(request);
        ResponseSink sink = new ResponseSink(response, callback);
        Viewer viewer = stream.attach(sink, remote);
        if (viewer == null) {
            // Filled up since the check above; the headers set for the stream are not wanted.
            response.reset();
            return full(stream, java.util.Objects.requireNonNullElse(stream.refusal(), "no room"), response, callback);
        }
        request.addFailureListener(viewer::close);
        // While the camera is down nothing is written; that is no reason to drop the viewer.
        request.addIdleTimeoutListener(timeout -> false);
        return true;
    }

    private static boolean full(LiveStream stream, String refusal, Response response, Callback callback) {
        stream.countRejected();
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
        return text(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "stream '" + stream.path()
                + "' is full: " + refusal);
    }

    private static boolean text(Response response, Callback callback, int status, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        Content.Sink.write(response, true, message + "\n", callback);
        return true;
    }

    /** Adapts one viewer to its Jetty response; one instance per viewer doubles as the write callback. */
    private static final class ResponseSink implements Viewer.Sink, Callback {
        private final Response response;
        private final Callback completion;
        private volatile Viewer viewer;

        ResponseSink(Response response, Callback completion) {
            this.response = response;
            this.completion = completion;
        }

        @Override
        public void write(ByteBuffer bytes, Viewer viewer) {
            if (this.viewer == null) {
                // Once: a reference store per write into this long-lived object is work for the collector.
                this.viewer = viewer;
            }
            response.write(false, bytes, this);
        }

        @Override
        public void succeeded() {
            viewer.writeSucceeded();
        }

        @Override
        public void failed(Throwable cause) {
            viewer.writeFailed(cause);
        }

        @Override
        public void close(Throwable cause) {
            if (cause == null) {
                completion.succeeded();
            } else {
                completion.failed(cause);
            }
        }

        @Override
        public InvocationType getInvocationType() {
            // Completing a write only queues the next one, it never blocks.
            return InvocationType.NON_BLOCKING;
        }
    }
}
