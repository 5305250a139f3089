package org.camrelay.component.vbc10.control;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

import io.netty.channel.EventLoop;
import org.camrelay.component.vbc10.ConnectionFailures;
import org.camrelay.component.vbc10.ReconnectBackoff;
import org.camrelay.component.vbc10.control.CameraGrant.State;
import org.camrelay.component.vbc10.webview.WebViewClient;
import org.camrelay.component.vbc10.webview.WebViewResponse;

/**
 * Steers a Canon camera over WebView HTTP (chapter 4 of Canon's specification, what a VB-C10 speaks).
 * <ul>
 * <li>Holds no session while control is not wanted: position and limits come from sessionless
 * {@code GetCameraInfo} (the {@code *_limit} values), read at start, every minute and after a 403.</li>
 * <li>{@link #acquire()}: {@code OpenCameraServer?vc_host=null_host} (a session without video) if there is none,
 * {@code Priority} when configured, {@code GetCameraControl}, and one {@code GetNotice} long poll after another. The
 * grant follows the events only ({@code GetCameraControl} always answers {@code OK.}; it only queues): 31 granted,
 * 33 waiting, 32 taken away (asked again while control is wanted: the camera's time limit ends grants routinely),
 * 34 refused; 41/42 update the position; 23 or a 501 answer mean the session is gone: a new one is opened and control
 * asked for again.</li>
 * <li>{@link #release()}: stops continuous moves, {@code ReleaseCameraControl}, and closes the session after a short
 * linger so that quick re-acquires do not churn sessions.</li>
 * <li>Commands: {@code OperateCamera} ({@code pan}/{@code tilt}/{@code zoom} in hundredths, {@code d} for relative;
 * {@code back_light}) and {@code OperateCameraEx} ({@code pan_tilt}, {@code zoom} continuous). A 301 answer means
 * the camera no longer thinks the relay has control.</li>
 * </ul>
 * Everything runs on one event loop, one short HTTP exchange per command ({@link WebViewClient}).
 */
final class WebViewControlClient extends AbstractControlClient {

    private static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final Pattern CONNECTION_ID = Pattern.compile("(?i)connection_id=[^\\s,;&]+");

    private final WebViewClient webView;
    private final ReconnectBackoff sessionBackoff;
    private final ReconnectBackoff infoBackoff;
    private final ReconnectBackoff noticeBackoff;
    private final Outage sessionOutage = new Outage("opening a WebView control session");
    private final Outage infoOutage = new Outage("GetCameraInfo");
    private final Outage noticeOutage = new Outage("GetNotice");
    private final Outage commandOutage = new Outage("sending commands");
    private final long answerMillis;
    private final long noticeMillis;

    // confined to the event loop
    /** The session's connection_id, or null. Never logged: it would let anyone on the path take over the session. */
    private String session;
    /** Bumped whenever the session changes: answers that belong to an older one are ignored. */
    private int generation;
    private boolean opening;
    /** Giving control back (stopping moves, ReleaseCameraControl) is under way. */
    private boolean releasing;
    private boolean panTiltMoving;
    private boolean zooming;
    private boolean warnedNoLimits;
    private ScheduledFuture<?> lingerTask;
    private ScheduledFuture<?> infoTask;
    private ScheduledFuture<?> retryTask;

    WebViewControlClient(ControlSettings settings, EventLoop loop) {
        super(settings, loop, null);
        this.webView = new WebViewClient(loop, settings.camera, settings.host, settings.httpPort, settings.username,
                settings.password, settings.connectTimeoutMillis, MAX_ANSWER_BYTES);
        this.sessionBackoff = backoff();
        this.infoBackoff = backoff();
        this.noticeBackoff = backoff();
        this.answerMillis = settings.connectTimeoutMillis + settings.answerMillis;
        this.noticeMillis = answerMillis + settings.noticeTimeoutSeconds * 1000L;
    }

    private ReconnectBackoff backoff() {
        return new ReconnectBackoff(settings.reconnectDelay, settings.reconnectMaxDelay, settings.reconnectJitter);
    }

    // ---- position and limits, without a session ----

    @Override
    protected void onStart() {
        readCameraInfo();
    }

    private void readCameraInfo() {
        cancel(infoTask);
        infoTask = null;
        call("GetCameraInfo", Map.of(), answerMillis, (answer, failure) -> {
            if (!running) {
                return;
            }
            String problem = failure != null ? why(failure) : answer.ok() ? null : problem(answer);
            if (problem != null) {
                infoOutage.failed(problem);
                setAvailable(false);
                infoTask = schedule(this::readCameraInfo, infoBackoff.nextDelay());
                return;
            }
            Map<String, String> fields = answer.fields();
            PtzLimits read = WebViewFields.limits(fields);
            if (read == null) {
                if (!warnedNoLimits) {
                    warnedNoLimits = true;
                    log.warn("Camera '{}': GetCameraInfo has no pan/tilt/zoom *_limit values; steering within"
                             + " controlLimits", camera);
                }
                read = settings.limits;
            }
            boolean first = limits == null;
            setLimits(read);
            setPosition(WebViewFields.cameraInfoPosition(fields, position));
            infoOutage.recovered();
            infoBackoff.reset();
            if (first) {
                log.info("Camera '{}': WebView control ready ({}), {}", camera,
                        fields.getOrDefault("camera_type", "camera type not given"), read);
            }
            setAvailable(true);
            infoTask = schedule(this::readCameraInfo, settings.infoRefreshMillis);
        });
    }

    // ---- acquiring: session, priority, GetCameraControl, the GetNotice loop ----

    @Override
    protected void onAcquire() {
        cancel(lingerTask);
        lingerTask = null;
        if (!releasing) { // else the release under way asks again when it is done
            requestControl(null);
        }
    }

    /** Asks for control, opening a session first if there is none. */
    private void requestControl(String reason) {
        cancel(retryTask);
        retryTask = null;
        if (!wanted || !running) {
            return;
        }
        if (session == null) {
            setGrant(State.REQUESTED, 0, reason);
            openSession();
            return;
        }
        int asked = generation;
        setGrant(State.REQUESTED, 0, reason);
        call("GetCameraControl", withSession(), answerMillis, (answer, failure) -> {
            if (asked != generation || !wanted || releasing) {
                return;
            }
            if (failure != null) {
                retry("camera '" + camera + "' cannot be reached to ask for control: " + why(failure), false);
            } else if (answer.livescopeCode() == WebViewResponse.UNKNOWN_CONNECTION_ID) {
                sessionLost("the camera no longer knows the session (" + problem(answer) + ")");
            } else if (!answer.ok()) {
                mailbox.countRefusal();
                refuseForGood("the camera refused the control request: " + problem(answer),
                        "camera '" + camera + "' refused the control request: " + problem(answer));
            }
            // OK. only means queued: the outcome comes as an event
        });
    }

    private void openSession() {
        if (opening || session != null || !running) {
            return;
        }
        opening = true;
        call("OpenCameraServer", Map.of("vc_host", "null_host"), answerMillis, (answer, failure) -> {
            opening = false;
            String id = failure == null && answer.ok() ? answer.fields().get("connection_id") : null;
            if (id == null || id.isBlank()) {
                String problem = failure != null ? why(failure)
                        : answer.ok() ? "no connection_id in the answer" : problem(answer);
                sessionOutage.failed(problem);
                if (answer != null && !answer.ok()) {
                    mailbox.countRefusal();
                }
                retry("camera '" + camera + "' cannot open a control session: " + problem, failure == null);
                return;
            }
            session = id.trim();
            int opened = ++generation;
            sessionOutage.recovered();
            sessionBackoff.reset();
            if (!running) {
                closeSession();
                return;
            }
            log.debug("Camera '{}': WebView control session opened", camera);
            poll(opened);
            if (settings.priority > 0) {
                askPriority(opened);
            } else {
                sessionReady();
            }
        });
    }

    private void askPriority(int opened) {
        Map<String, String> parameters = withSession();
        parameters.put("priority", Integer.toString(settings.priority));
        call("Priority", parameters, answerMillis, (answer, failure) -> {
            if (opened != generation) {
                return;
            }
            if (failure != null || !answer.ok()) {
                log.warn("Camera '{}': the camera did not set priority {} ({}); going on as a general session",
                        camera, settings.priority, failure != null ? why(failure) : problem(answer));
            }
            sessionReady();
        });
    }

    /** The session is open (and prioritised): ask for control if wanted, else let it linger and close. */
    private void sessionReady() {
        if (wanted && !releasing) {
            requestControl(null);
        } else if (!releasing) {
            linger();
        }
    }

    /** One GetNotice long poll of the session {@code polled}; the next follows its answer. */
    private void poll(int polled) {
        if (polled != generation || session == null || !running) {
            return;
        }
        Map<String, String> parameters = withSession();
        parameters.put("timeout", Integer.toString(settings.noticeTimeoutSeconds));
        call("GetNotice", parameters, noticeMillis, (answer, failure) -> {
            if (polled != generation || !running) {
                return;
            }
            if (failure != null) {
                noticeOutage.failed(why(failure));
                schedule(() -> poll(polled), noticeBackoff.nextDelay());
                return;
            }
            int code = answer.livescopeCode();
            if (answer.ok()) {
                noticeOutage.recovered();
                noticeBackoff.reset();
                event(answer.notice(), answer.fields());
                poll(polled);
            } else if (answer.httpStatus() == 200 && code == WebViewResponse.OPERATION_TIMEOUT) {
                noticeOutage.recovered();
                noticeBackoff.reset();
                poll(polled); // no event within the timeout: ask again
            } else if (code == WebViewResponse.CONFLICT) {
                log.debug("Camera '{}': GetNotice answered {}; asking again shortly", camera, problem(answer));
                schedule(() -> poll(polled), settings.conflictDelayMillis);
            } else if (code == WebViewResponse.UNKNOWN_CONNECTION_ID) {
                sessionLost("the camera no longer knows the session (" + problem(answer) + ")");
            } else {
                noticeOutage.failed(problem(answer));
                schedule(() -> poll(polled), noticeBackoff.nextDelay());
            }
        });
    }

    /** What one GetNotice event means for the grant and the position. */
    private void event(int event, Map<String, String> fields) {
        switch (event) {
            case WebViewFields.SESSION_CLOSED -> sessionLost("the camera ended the session (event 23)");
            case WebViewFields.CONTROL_GRANTED -> {
                long limit = WebViewFields.millis(fields, "time_limit");
                if (!wanted || releasing) {
                    if (!releasing) {
                        log.debug("Camera '{}': control granted after the relay gave it up; giving it back", camera);
                        call("ReleaseCameraControl", withSession(), answerMillis, (answer, failure) -> { });
                    }
                    return;
                }
                log.info("Camera '{}': the camera granted control{}", camera,
                        limit > 0 ? " for " + seconds(limit) + " s" : "");
                setGrant(State.GRANTED, limit, null);
            }
            case WebViewFields.CONTROL_TAKEN_AWAY -> {
                if (!wanted || releasing) {
                    return;
                }
                log.info("Camera '{}': the camera took control away (event 32); asking again", camera);
                takenAway("the camera took control away (its time limit ran out, or a privileged client took it)");
            }
            case WebViewFields.CONTROL_WAITING -> {
                if (!wanted || releasing) {
                    return;
                }
                long wait = WebViewFields.millis(fields, "wait_time");
                if (grant.state() != State.WAITING) {
                    log.info("Camera '{}': another client of the camera has control; the relay waits{}", camera,
                            wait > 0 ? ", about " + seconds(wait) + " s" : "");
                }
                setGrant(State.WAITING, wait, "another client of the camera has control");
            }
            case WebViewFields.CONTROL_REFUSED -> {
                if (!wanted || releasing) {
                    return;
                }
                mailbox.countRefusal();
                refuseForGood("the camera refused control (event 34)",
                        "camera '" + camera + "' refused control (event 34)");
            }
            case WebViewFields.OPERATED, WebViewFields.OPERATED_BY_ANOTHER ->
                    setPosition(WebViewFields.eventPosition(fields, position));
            default -> log.debug("Camera '{}': event {} ignored", camera, event);
        }
    }

    /** The camera took control away (event 32, or a 301 answer): report it, and ask again while control is wanted. */
    private void takenAway(String reason) {
        setGrant(CameraGrant.of(State.REVOKED, 0, reason), refused("camera '" + camera + "' took control away"
                                                                    + " from the relay: " + reason));
        requestControl(reason + "; asked again");
    }

    /** The camera refused control: no more asking until the next {@link #acquire()}. */
    private void refuseForGood(String why, String message) {
        log.warn("Camera '{}': {}; not asking again until control is wanted anew", camera, why);
        wanted = false;
        setGrant(CameraGrant.of(State.REFUSED, 0, message), refused(message));
        linger();
    }

    /** Control cannot be asked for now: report it (failing a pending acquire) and try again after a backoff delay. */
    private void retry(String message, boolean cameraSaidNo) {
        if (!wanted || !running) {
            if (session != null && !releasing) {
                linger();
            }
            return;
        }
        setGrant(CameraGrant.of(State.REFUSED, 0, message), cameraSaidNo ? refused(message) : unavailable(message));
        long delay = sessionBackoff.nextDelay();
        log.debug("Camera '{}': asking for control again in {} ms", camera, delay);
        retryTask = schedule(() -> requestControl(null), delay);
    }

    /** The session is gone (event 23, 501): forget it, and open a new one if control is still wanted. */
    private void sessionLost(String why) {
        session = null;
        generation++;
        panTiltMoving = false;
        zooming = false;
        cancel(lingerTask);
        lingerTask = null;
        if (wanted && running && !releasing) {
            log.info("Camera '{}': {}; opening a new session", camera, why);
            setGrant(State.REQUESTED, 0, why + "; opening a new session");
            long delay = sessionBackoff.nextDelay();
            retryTask = schedule(() -> requestControl(why + "; opening a new session"), delay);
        } else {
            log.debug("Camera '{}': {}", camera, why);
        }
    }

    // ---- giving control back ----

    @Override
    protected void onRelease(CameraGrant previous) {
        cancel(retryTask);
        retryTask = null;
        if (session == null) {
            return; // a session still opening lingers and closes by itself
        }
        releasing = true;
        mailbox.whenIdle(() -> giveBack(previous));
    }

    @Override
    protected void onStop(CameraGrant previous) {
        cancel(retryTask);
        cancel(lingerTask);
        cancel(infoTask);
        retryTask = null;
        lingerTask = null;
        infoTask = null;
        if (session == null || releasing) {
            return; // a release under way closes the session when done, as running is false
        }
        releasing = true;
        mailbox.whenIdle(() -> giveBack(previous));
    }

    /** Stops continuous moves, gives control back, then lets the session linger (or closes it when stopped). */
    private void giveBack(CameraGrant previous) {
        boolean held = previous.state() == State.GRANTED;
        boolean asked = held || previous.state() == State.REQUESTED || previous.state() == State.WAITING;
        CompletableFuture<Void> steps = CompletableFuture.completedFuture(null);
        if (held && panTiltMoving) {
            steps = steps.thenCompose(done -> quietly("OperateCameraEx", "pan_tilt", "stop"));
        }
        if (held && zooming) {
            steps = steps.thenCompose(done -> quietly("OperateCameraEx", "zoom", "stop"));
        }
        if (asked) {
            steps = steps.thenCompose(done -> quietly("ReleaseCameraControl", null, null));
        }
        whenDone(steps, (done, failure) -> {
            releasing = false;
            panTiltMoving = false;
            zooming = false;
            if (!running) {
                closeSession();
            } else if (wanted) {
                requestControl(null); // acquired again meanwhile
            } else {
                linger();
            }
        });
    }

    /** Sends a command of the release, logging what goes wrong; completes normally in any case. */
    private CompletableFuture<Void> quietly(String command, String parameter, String value) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (session == null) {
            done.complete(null);
            return done;
        }
        Map<String, String> parameters = withSession();
        if (parameter != null) {
            parameters.put(parameter, value);
        }
        call(command, parameters, answerMillis, (answer, failure) -> {
            if (failure != null) {
                log.warn("Camera '{}': {} failed while giving control back: {}", camera, command, why(failure));
            } else if (!answer.ok() && answer.livescopeCode() != WebViewResponse.NO_CAMERA_CONTROL_RIGHT) {
                log.warn("Camera '{}': {} failed while giving control back: {}", camera, command, problem(answer));
            }
            done.complete(null);
        });
        return done;
    }

    /** Closes the session after the linger, unless control is wanted again by then. */
    private void linger() {
        cancel(lingerTask);
        lingerTask = null;
        if (session == null) {
            return;
        }
        lingerTask = schedule(() -> {
            lingerTask = null;
            if (!wanted && !releasing && session != null) {
                closeSession();
            }
        }, settings.lingerMillis);
    }

    private void closeSession() {
        if (session == null) {
            return;
        }
        Map<String, String> parameters = withSession();
        session = null;
        generation++;
        call("CloseCameraServer", parameters, answerMillis, (answer, failure) -> {
            if (failure != null || !answer.ok()) {
                log.debug("Camera '{}': CloseCameraServer: {}", camera, failure != null ? why(failure)
                        : problem(answer));
            } else {
                log.debug("Camera '{}': WebView control session closed", camera);
            }
        });
    }

    // ---- commands ----

    @Override
    protected String unsupported(PtzCommand command) {
        return null;
    }

    @Override
    protected boolean ready() {
        return grant.granted() && session != null && !releasing;
    }

    @Override
    protected CompletableFuture<PtzState> send(Queued command) {
        CompletableFuture<PtzState> result = new CompletableFuture<>();
        if (session == null) {
            result.completeExceptionally(refused("the relay has no session with camera '" + camera + "'"));
            return result;
        }
        int sent = generation;
        Map<String, String> parameters = withSession();
        String name = operation(command, parameters);
        call(name, parameters, answerMillis, (answer, failure) -> {
            if (failure != null) {
                commandOutage.failed(name + ": " + why(failure));
                result.completeExceptionally(unavailable("camera '" + camera + "' did not answer " + name + ": "
                                                         + why(failure)));
                return;
            }
            int code = answer.livescopeCode();
            if (answer.ok()) {
                commandOutage.recovered();
                moving(command);
                result.complete(state());
            } else if (code == WebViewResponse.NO_CAMERA_CONTROL_RIGHT) {
                log.info("Camera '{}': the camera answered {} with {}: it no longer gives the relay control", camera,
                        name, problem(answer));
                if (sent == generation && wanted && grant.granted()) {
                    takenAway("the camera answered a command with 301 No Camera Control Right");
                }
                result.completeExceptionally(refused("camera '" + camera + "' no longer gives the relay control ("
                                                     + problem(answer) + ")"));
            } else if (code == 403) {
                log.info("Camera '{}': the camera refused a value of {}: {}; reading its limits again", camera, name,
                        problem(answer));
                readCameraInfo();
                result.completeExceptionally(new PtzException(PtzException.Reason.OUT_OF_RANGE, "camera '" + camera
                        + "' refused the value as out of its range (" + problem(answer) + ")"));
            } else if (code == WebViewResponse.UNKNOWN_CONNECTION_ID) {
                if (sent == generation) {
                    sessionLost("the camera no longer knows the session (" + problem(answer) + ")");
                }
                result.completeExceptionally(refused("camera '" + camera + "' ended the relay's session ("
                                                     + problem(answer) + ")"));
            } else {
                commandOutage.failed(name + ": " + problem(answer));
                result.completeExceptionally(refused("camera '" + camera + "' refused " + name + ": "
                                                     + problem(answer)));
            }
        });
        return result;
    }

    /** The WebView command for a queued command, its parameters added to {@code parameters}. */
    static String operation(Queued command, Map<String, String> parameters) {
        if (command instanceof Queued.AxisMove move) {
            if (move.pan() != null) {
                parameters.put("pan", move.pan().webView());
            }
            if (move.tilt() != null) {
                parameters.put("tilt", move.tilt().webView());
            }
            if (move.zoom() != null) {
                parameters.put("zoom", move.zoom().webView());
            }
            return "OperateCamera";
        }
        PtzCommand plain = ((Queued.Plain) command).command();
        if (plain instanceof PtzCommand.PanTiltMove panTilt) {
            parameters.put("pan_tilt", panTilt.direction().webViewName());
            return "OperateCameraEx";
        }
        if (plain instanceof PtzCommand.ZoomMove zoom) {
            parameters.put("zoom", zoom.direction().webViewName());
            return "OperateCameraEx";
        }
        parameters.put("back_light", ((PtzCommand.BackLight) plain).on() ? "ON" : "OFF");
        return "OperateCamera";
    }

    /** Notes a continuous move the camera accepted, so that a release stops it. */
    private void moving(Queued command) {
        if (command instanceof Queued.Plain plain) {
            if (plain.command() instanceof PtzCommand.PanTiltMove panTilt) {
                panTiltMoving = panTilt.direction() != PtzCommand.PanTilt.STOP;
            } else if (plain.command() instanceof PtzCommand.ZoomMove zoom) {
                zooming = zoom.direction() != PtzCommand.Zoom.STOP;
            }
        }
    }

    // ---- plumbing ----

    private Map<String, String> withSession() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("connection_id", session);
        return parameters;
    }

    /**
     * Sends one WebView command and handles its answer on the event loop. Whether the camera answers at all decides
     * {@link PtzState#available()}, together with the limits being known.
     */
    private void call(String command, Map<String, String> parameters, long timeoutMillis,
                      BiConsumer<WebViewResponse, Throwable> handler) {
        CompletableFuture<WebViewResponse> answer;
        try {
            answer = webView.send(command, parameters, timeoutMillis);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        whenDone(answer, (response, failure) -> {
            if (running) {
                setAvailable(failure == null && response.httpStatus() == 200 && limits != null);
            }
            handler.accept(response, failure);
        });
    }

    /** What went wrong, as the camera said it, without the session's connection_id that error details may repeat. */
    static String problem(WebViewResponse answer) {
        return CONNECTION_ID.matcher(answer.problem()).replaceAll("connection_id=(hidden)");
    }

    private static String why(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        return cause instanceof WebViewClient.WebViewException ? stripPrefix(cause.getMessage())
                : ConnectionFailures.describe(cause);
    }

    /** WebViewClient's messages start with the camera and the command, which our log lines give already. */
    private static String stripPrefix(String message) {
        int colon = message.indexOf("): ");
        if (colon < 0) {
            return message;
        }
        int next = message.indexOf(": ", colon + 3);
        return next < 0 ? message.substring(colon + 3) : message.substring(next + 2);
    }
}
