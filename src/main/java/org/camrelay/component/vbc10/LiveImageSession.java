package org.camrelay.component.vbc10;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.camrelay.component.vbc10.webview.WebViewClient;
import org.camrelay.component.vbc10.webview.WebViewClient.AnswerTooLargeException;
import org.camrelay.component.vbc10.webview.WebViewResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebView session that fetches pictures one at a time, for cameras that restrict GetOneShot: {@code
 * OpenCameraServer?image_size=WxH}, then {@code GetLiveImage?connection_id=...} for each frame [spec 4.1.1, 4.2.2],
 * {@code CloseCameraServer} at the end.
 * <p>
 * Requests are paced as {@link FrameRequestPacer} paces the native protocol: due on a fixed grid, deadline(n+1) =
 * deadline(n) + 1/fps, one in flight; an answer that comes after the next deadline has the next request go at once and
 * the grid restart from now, so a slow answer never causes a burst to catch up. Each answer's body must be one
 * complete JPEG, checked by {@link JpegFrameDecoder} (corrupt and oversize frames are counted, and the pacing goes on);
 * good ones go through {@link Vbc10Consumer#deliver}. No complete frame within the stall timeout ends the session as
 * stalled. {@code 501 Unknown Connection ID} means the camera dropped the session (at its maximum connection time, or
 * after a pause): a clean end, which the consumer renews at once. Any other refusal is a failure.
 * <p>
 * Confined to the camera's event loop, which the {@link WebViewClient} also runs on: no thread of its own.
 */
final class LiveImageSession {

    private static final Logger LOG = LoggerFactory.getLogger(LiveImageSession.class);
    /** The longest wait for CloseCameraServer's answer. */
    private static final long CLOSE_TIMEOUT_MILLIS = 2000;

    private final Vbc10Consumer consumer;
    private final WebViewClient client;
    private final Vbc10Configuration configuration;
    private final CameraStatistics statistics;
    private final EventExecutor loop;
    private final StreamEventLogger events;
    private final long periodNanos;
    private final LongSupplier clock;

    private boolean open = true;
    private String connectionId;
    private long deadline;
    private ScheduledFuture<?> next;
    private ScheduledFuture<?> stall;

    LiveImageSession(Vbc10Consumer consumer, WebViewClient client, Vbc10Configuration configuration,
                     CameraStatistics statistics, EventExecutor loop) {
        this(consumer, client, configuration, statistics, loop, System::nanoTime);
    }

    /** @param clock nanosecond ticks, as {@link System#nanoTime()} */
    LiveImageSession(Vbc10Consumer consumer, WebViewClient client, Vbc10Configuration configuration,
                     CameraStatistics statistics, EventExecutor loop, LongSupplier clock) {
        this.consumer = consumer;
        this.client = client;
        this.configuration = configuration;
        this.statistics = statistics;
        this.loop = loop;
        this.events = new StreamEventLogger(configuration.getName(), statistics);
        this.periodNanos = Math.round(TimeUnit.SECONDS.toNanos(1) / configuration.getFps());
        this.clock = clock;
    }

    /** Opens the session; frames and the end follow through the consumer. */
    void start() {
        armStall();
        send("OpenCameraServer", Map.of("image_size", configuration.getImageSize()), this::opened);
    }

    /**
     * Ends the session for good (the route stops): no more requests, and CloseCameraServer if it was open.
     *
     * @return completes once the camera has answered CloseCameraServer, or could not be asked
     */
    CompletableFuture<?> close() {
        open = false;
        cancelTimers();
        return closeOnCamera();
    }

    private void opened(WebViewResponse answer, Throwable failure) {
        if (!open) {
            if (answer != null && answer.ok()) {
                connectionId = answer.fields().get("connection_id");
                closeOnCamera(); // closed while it opened: do not leave it behind on the camera
            }
            return;
        }
        if (failure != null) {
            end(reason(failure), false);
        } else if (!answer.ok()) {
            end(refusal("OpenCameraServer", answer), false);
        } else {
            String id = answer.fields().get("connection_id");
            if (id == null || id.isEmpty()) {
                end("OpenCameraServer answered no connection_id", false);
                return;
            }
            connectionId = id;
            LOG.debug("Camera '{}': WebView session opened for GetLiveImage", configuration.getName());
            deadline = clock.getAsLong();
            request();
        }
    }

    private void request() {
        next = null;
        if (open) {
            send("GetLiveImage", Map.of("connection_id", connectionId), this::answered);
        }
    }

    private void answered(WebViewResponse answer, Throwable failure) {
        if (!open) {
            return;
        }
        if (failure != null) {
            if (unwrap(failure) instanceof AnswerTooLargeException) {
                events.frameOversize(configuration.getMaxFrameSize());
                scheduleNext();
            } else {
                end(reason(failure), false);
            }
            return;
        }
        if (answer.httpStatus() == 200 && answer.livescopeCode() == WebViewResponse.UNKNOWN_CONNECTION_ID) {
            connectionId = null; // gone on the camera: nothing to close
            end("the camera dropped the session (" + answer.problem() + ")", true);
            return;
        }
        if (!answer.ok() || HttpRefusals.isWebViewError(answer.body())) {
            end(refusal("GetLiveImage", answer), false);
            return;
        }
        frame(answer.body());
        scheduleNext();
    }

    /** Checks one answer's body as one complete JPEG, and delivers it if it is. */
    private void frame(byte[] body) {
        long receivedAt = System.currentTimeMillis();
        long receivedNanos = System.nanoTime();
        statistics.bytesReceived(body.length);
        int length = body.length;
        while (length > 0 && (body[length - 1] == '\n' || body[length - 1] == '\r')) {
            length--; // a line break after EOI is no garbage
        }
        JpegFrameDecoder decoder = new JpegFrameDecoder(configuration.getMaxFrameSize(), events);
        List<Object> frames = new ArrayList<>(1);
        ByteBuf bytes = Unpooled.wrappedBuffer(body, 0, length);
        try {
            decoder.decode(null, bytes, frames); // no context needed: it only frames the bytes given
            if (frames.isEmpty() && decoder.inFrame()) {
                events.frameCorrupt("truncated: the GetLiveImage answer ended before EOI");
            }
            if (!frames.isEmpty()) {
                JpegFrame frame = (JpegFrame) frames.get(0);
                consumer.deliver(frame, receivedAt, receivedNanos);
                armStall();
            }
        } finally {
            frames.forEach(ReferenceCountUtil::release);
            bytes.release();
        }
    }

    /** The next request at its deadline on the grid, or at once (the grid restarting) if that has passed. */
    private void scheduleNext() {
        deadline += periodNanos;
        long delay = deadline - clock.getAsLong();
        if (delay <= 0) {
            deadline = clock.getAsLong();
            request();
        } else {
            next = loop.schedule(this::request, delay, TimeUnit.NANOSECONDS);
        }
    }

    private void armStall() {
        if (stall != null) {
            stall.cancel(false);
        }
        long timeout = configuration.getStallTimeout();
        stall = loop.schedule(() -> end("stalled: no complete frame for " + timeout + " ms", false), timeout,
                TimeUnit.MILLISECONDS);
    }

    /** Ends the session and tells the consumer, which renews it or reconnects with backoff. */
    private void end(String reason, boolean clean) {
        if (!open) {
            return;
        }
        open = false;
        cancelTimers();
        closeOnCamera();
        consumer.sessionEnded(this, reason, clean);
    }

    private void cancelTimers() {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
        if (stall != null) {
            stall.cancel(false);
            stall = null;
        }
    }

    /** Asks the camera to free the session, if there is one; answers and failures matter to nobody. */
    private CompletableFuture<?> closeOnCamera() {
        String id = connectionId;
        connectionId = null;
        if (id == null) {
            return CompletableFuture.completedFuture(null);
        }
        return client.send("CloseCameraServer", Map.of("connection_id", id), CLOSE_TIMEOUT_MILLIS)
                .handle((answer, failure) -> {
                    if (failure != null || !answer.ok()) {
                        LOG.debug("Camera '{}': CloseCameraServer: {}", configuration.getName(),
                                failure != null ? reason(failure) : answer.problem());
                    }
                    return null;
                });
    }

    /** Sends a command, its answer handled on the event loop. */
    private void send(String command, Map<String, String> parameters, Answer handler) {
        // an answer slower than the stall timeout is a stall whatever it brings
        client.send(command, parameters, configuration.getStallTimeout()).whenComplete((answer, failure) -> {
            if (loop.inEventLoop()) {
                handler.handle(answer, failure);
            } else {
                loop.execute(() -> handler.handle(answer, failure));
            }
        });
    }

    /** Why a command failed: the refusal of an HTTP status or of Livescope-Status. */
    private String refusal(String command, WebViewResponse answer) {
        String http = HttpRefusals.ofHttpStatus(answer.httpStatus(), configuration.getUsername() != null,
                WebViewClient.PREFIX + command);
        return http != null ? http : HttpRefusals.ofWebView(command, answer);
    }

    /** The failure's own words, without the camera's name and address, which the consumer's log line has already. */
    private static String reason(Throwable failure) {
        Throwable cause = unwrap(failure);
        String message = cause.getMessage();
        if (cause instanceof WebViewClient.WebViewException && message != null) {
            int end = message.indexOf("): ");
            return end >= 0 ? message.substring(end + 3) : message;
        }
        return ConnectionFailures.describe(cause);
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    @FunctionalInterface
    private interface Answer {
        void handle(WebViewResponse answer, Throwable failure);
    }
}
