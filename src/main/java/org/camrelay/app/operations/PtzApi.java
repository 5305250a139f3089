package org.camrelay.app.operations;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.util.json.JsonObject;
import org.camrelay.app.operations.security.ApiAuthenticator.ApiUser;
import org.camrelay.component.vbc10.Vbc10Component;
import org.camrelay.component.vbc10.control.CameraControl;
import org.camrelay.component.vbc10.control.ControlQueuedException;
import org.camrelay.component.vbc10.control.ControlRole;
import org.camrelay.component.vbc10.control.ControlStatus;
import org.camrelay.component.vbc10.control.PtzCommand;
import org.camrelay.component.vbc10.control.PtzException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/cameras/{name}/ptz} and {@code /api/cameras/{name}/ptz/control}: a camera's pan, tilt and zoom for the
 * relay's users, through the same control the {@code vbc10:name} producer uses (the component's
 * {@link CameraControl}).
 * <ul>
 * <li>{@code GET .../ptz}: the status; more of it for a caller who logs in.</li>
 * <li>{@code POST .../ptz}: a command; a caller who finds nobody in control gets it, otherwise 409 with their place.</li>
 * <li>{@code POST .../ptz/control}: asks for control (200 when granted, 409 with the place when someone else controls:
 * the caller is queued); {@code DELETE} gives it up or leaves the queue.</li>
 * </ul>
 * Changes need HTTP Basic credentials of a user with role {@code control} or {@code admin}. Asynchronous: no HTTP
 * thread waits for a password check or for the camera.
 */
final class PtzApi extends AsyncProcessorSupport {

    /** The largest request body read, in bytes; a command is far smaller. */
    static final int MAX_BODY_BYTES = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(PtzApi.class);

    private enum Resource {
        PTZ, CONTROL
    }

    private final CamelContext context;
    private final ApiAccess access;

    PtzApi(CamelContext context, ApiAccess access) {
        this.context = context;
        this.access = access;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        CompletableFuture<Void> answered;
        try {
            answered = handle(exchange);
        } catch (RuntimeException e) {
            answered = CompletableFuture.failedFuture(e);
        }
        if (answered.isDone()) {
            finish(exchange, answered);
            callback.done(true);
            return true;
        }
        CompletableFuture<Void> pending = answered;
        pending.whenComplete((ignored, failure) -> {
            finish(exchange, pending);
            callback.done(false);
        });
        return false;
    }

    private static void finish(Exchange exchange, CompletableFuture<Void> answered) {
        try {
            answered.join();
        } catch (CompletionException e) {
            LOG.warn("Pan/tilt/zoom request {} failed", exchange.getIn().getHeader(Exchange.HTTP_URI), e.getCause());
            ApiAccess.json(exchange, 500, ApiAccess.error("internal error"));
        }
    }

    private CompletableFuture<Void> handle(Exchange exchange) {
        String credentials = ApiAccess.takeCredentials(exchange);
        String path = exchange.getIn().getHeader(Exchange.HTTP_PATH, "", String.class);
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        Resource resource = parts.length == 2 && parts[1].equals("ptz") ? Resource.PTZ
                : parts.length == 3 && parts[1].equals("ptz") && parts[2].equals("control") ? Resource.CONTROL : null;
        if (resource == null) {
            return answer(exchange, 404, ApiAccess.error("nothing at /api/cameras/" + path
                    + "; a camera's pan/tilt/zoom is at /api/cameras/NAME/ptz"));
        }
        String camera = parts[0];
        Optional<CameraControl> found = context.getComponent("vbc10", Vbc10Component.class).control(camera);
        if (found.isEmpty()) {
            return answer(exchange, 404, ApiAccess.error("no camera '" + camera + "' with pan/tilt/zoom control"
                    + " (a running Canon camera; a generic MJPEG camera, or one with control=none, has none)"));
        }
        CameraControl control = found.get();
        String method = exchange.getIn().getHeader(Exchange.HTTP_METHOD, "GET", String.class);
        boolean read = resource == Resource.PTZ && (method.equals("GET") || method.equals("HEAD"));
        boolean allowed = read || method.equals("POST") || (resource == Resource.CONTROL && method.equals("DELETE"));
        if (!allowed) {
            exchange.getMessage().setHeader("Allow", resource == Resource.PTZ ? "GET, HEAD, POST" : "POST, DELETE");
            return answer(exchange, 405, ApiAccess.error(method + " is not supported here"));
        }
        if (read && credentials == null) {
            return answer(exchange, 200, PtzJson.status(control, control.status(), null));
        }
        return access.authenticate(credentials).handle((user, failure) -> {
            if (failure != null) {
                ApiAccess.refuse(exchange, failure instanceof CompletionException ? failure.getCause() : failure);
                return CompletableFuture.<Void>completedFuture(null);
            }
            return act(exchange, control, resource, method, user);
        }).thenCompose(done -> done);
    }

    private CompletableFuture<Void> act(Exchange exchange, CameraControl control, Resource resource, String method,
            ApiUser user) {
        if (resource == Resource.PTZ && !method.equals("POST")) {
            return answer(exchange, 200, PtzJson.status(control, control.status(), user));
        }
        Optional<ControlRole> role = ControlRole.highestOf(user.roles());
        if (role.isEmpty()) {
            return answer(exchange, 403, ApiAccess.error("user '" + user.name() + "' may not control cameras: that"
                    + " needs the role control (or admin)"));
        }
        try {
            if (resource == Resource.CONTROL && method.equals("DELETE")) {
                return answer(exchange, 200, PtzJson.status(control,
                        control.arbiter().releaseControl(user.name()), user));
            }
            String body = body(exchange);
            if (resource == Resource.CONTROL) {
                boolean takeOver = PtzJson.takeOver(body);
                return control.arbiter().requestControl(user.name(), role.get(), takeOver).handle((status, failure) -> {
                    if (failure != null) {
                        refused(exchange, control, failure);
                    } else if (status.controls(user.name())) {
                        ApiAccess.json(exchange, 200, PtzJson.status(control, status, user));
                    } else {
                        // queued: 409 as for a command while someone else controls, with the place in the answer
                        int place = status.place(user.name());
                        JsonObject json = PtzJson.status(control, status, user);
                        json.put("error", ControlQueuedException.describe(control.camera(), status.controller(), place,
                                status.waitMillis(place)));
                        json.put("place", place);
                        json.put("waitMillis", status.waitMillis(place));
                        ApiAccess.json(exchange, 409, json);
                    }
                    return null;
                });
            }
            PtzCommand command = PtzJson.command(body);
            return control.arbiter().command(user.name(), role.get(), command).handle((state, failure) -> {
                if (failure != null) {
                    refused(exchange, control, failure);
                } else {
                    ApiAccess.json(exchange, 200, PtzJson.status(control, control.status(), user));
                }
                return null;
            });
        } catch (BodyTooLarge e) {
            return answer(exchange, 413, ApiAccess.error(e.getMessage()));
        } catch (IllegalArgumentException e) {
            return answer(exchange, 400, ApiAccess.error(e.getMessage()));
        }
    }

    /** Answers a refusal of the control or the camera with its status code and what the caller can do about it. */
    private static void refused(Exchange exchange, CameraControl control, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        JsonObject json = ApiAccess.error(cause.getMessage());
        if (cause instanceof ControlQueuedException queued) {
            json.put("controller", queued.controller());
            json.put("place", queued.place());
            json.put("waitMillis", queued.waitMillis());
            json.put("queueLength", control.status().queue().size());
            ApiAccess.json(exchange, 409, json);
        } else if (cause instanceof PtzException ptz) {
            ControlStatus status = control.status();
            switch (ptz.reason()) {
                case NOT_CONTROLLER -> ApiAccess.json(exchange, 409, json);
                case OUT_OF_RANGE -> {
                    json.put("limits", PtzJson.limits(status.ptz().limits()));
                    ApiAccess.json(exchange, 400, json);
                }
                case CAMERA_REFUSED, UNAVAILABLE -> {
                    json.put("grant", PtzJson.grant(status.ptz().grant()));
                    exchange.getMessage().setHeader("Retry-After", "5");
                    ApiAccess.json(exchange, 503, json);
                }
            }
        } else if (cause instanceof IllegalArgumentException) {
            ApiAccess.json(exchange, 400, json);
        } else {
            LOG.warn("Camera '{}': pan/tilt/zoom request failed", control.camera(), cause);
            ApiAccess.json(exchange, 500, ApiAccess.error("internal error"));
        }
    }

    private static CompletableFuture<Void> answer(Exchange exchange, int status, JsonObject json) {
        ApiAccess.json(exchange, status, json);
        return CompletableFuture.completedFuture(null);
    }

    /** The request body as text, at most {@value #MAX_BODY_BYTES} bytes. */
    private static String body(Exchange exchange) {
        Long length = exchange.getIn().getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (length != null && length > MAX_BODY_BYTES) {
            throw new BodyTooLarge();
        }
        InputStream in = exchange.getIn().getBody(InputStream.class);
        if (in == null) {
            return "";
        }
        try (in) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new BodyTooLarge();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("the request body could not be read: " + e.getMessage());
        }
    }

    private static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge() {
            super("the request body is larger than " + MAX_BODY_BYTES + " bytes", null, false, false);
        }
    }
}
