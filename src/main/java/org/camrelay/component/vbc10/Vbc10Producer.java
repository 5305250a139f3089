package org.camrelay.component.vbc10;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;
import org.camrelay.component.vbc10.control.CameraControl;
import org.camrelay.component.vbc10.control.ControlArbiter;
import org.camrelay.component.vbc10.control.ControlRole;
import org.camrelay.component.vbc10.control.ControlStatus;
import org.camrelay.component.vbc10.control.PtzCommand;
import org.camrelay.component.vbc10.control.PtzException;

/**
 * Steers the pan, tilt and zoom of the camera named by the endpoint, on behalf of the user in
 * {@link Vbc10Constants#CONTROL_USER}, through the camera's {@link ControlArbiter}: one user at a time controls it and
 * the others wait in a queue. The action is {@link Vbc10Constants#CONTROL_ACTION}; a command is the
 * {@link PtzCommand} in the body. The camera's consumer must run with {@code control} set, in this or another route.
 * <p>
 * Asynchronous: the exchange goes on when the camera has answered, on the camera client's thread. A refusal is the
 * exchange's exception, a {@link PtzException} (a
 * {@link org.camrelay.component.vbc10.control.ControlQueuedException} with the place and wait when another user controls).
 */
public class Vbc10Producer extends DefaultAsyncProducer {

    /** The actions of {@link Vbc10Constants#CONTROL_ACTION}. */
    enum Action {
        COMMAND, ACQUIRE, RELEASE, STATUS
    }

    private final String camera;

    public Vbc10Producer(Vbc10Endpoint endpoint) {
        super(endpoint);
        this.camera = endpoint.getConfiguration().getName();
    }

    @Override
    public Vbc10Endpoint getEndpoint() {
        return (Vbc10Endpoint) super.getEndpoint();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Message in = exchange.getIn();
        CompletableFuture<?> outcome;
        Action action;
        String user;
        try {
            action = action(in.getHeader(Vbc10Constants.CONTROL_ACTION, String.class));
            user = in.getHeader(Vbc10Constants.CONTROL_USER, String.class);
            ControlRole role = role(in.getHeader(Vbc10Constants.CONTROL_ROLE, String.class));
            if (action != Action.STATUS && (user == null || user.isBlank())) {
                throw new IllegalArgumentException("header " + Vbc10Constants.CONTROL_USER + " must name the user to "
                        + action.name().toLowerCase(Locale.ROOT) + " camera '" + camera + "' for");
            }
            ControlArbiter arbiter = control().arbiter();
            outcome = switch (action) {
                case COMMAND -> arbiter.command(user, role, command(in));
                case ACQUIRE -> arbiter.requestControl(user, role,
                        Boolean.TRUE.equals(in.getHeader(Vbc10Constants.CONTROL_TAKE_OVER, Boolean.class)));
                case RELEASE -> CompletableFuture.completedFuture(arbiter.releaseControl(user));
                case STATUS -> CompletableFuture.completedFuture(arbiter.status());
            };
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        String forUser = user;
        if (outcome.isDone()) {
            complete(exchange, outcome, forUser);
            callback.done(true);
            return true;
        }
        outcome.whenComplete((result, failure) -> {
            complete(exchange, outcome, forUser);
            callback.done(false);
        });
        return false;
    }

    private static void complete(Exchange exchange, CompletableFuture<?> outcome, String user) {
        Object result;
        try {
            result = outcome.join();
        } catch (CompletionException e) {
            exchange.setException(e.getCause() != null ? e.getCause() : e);
            return;
        } catch (java.util.concurrent.CancellationException e) {
            exchange.setException(e);
            return;
        }
        Message out = exchange.getMessage();
        out.setBody(result);
        if (result instanceof ControlStatus status) {
            out.setHeader(Vbc10Constants.CONTROL_PLACE, place(status, user));
        }
    }

    private CameraControl control() {
        return getEndpoint().getComponent().control(camera).orElseThrow(() -> new PtzException(
                PtzException.Reason.UNAVAILABLE, "camera '" + camera + "' has no pan/tilt/zoom control: its consumer"
                        + " is not running, or runs with control=none"));
    }

    private PtzCommand command(Message in) {
        Object body = in.getBody();
        if (body instanceof PtzCommand command) {
            return command;
        }
        throw new IllegalArgumentException("the body must be a PtzCommand to steer camera '" + camera + "', was "
                + (body == null ? "empty" : body.getClass().getName()));
    }

    static int place(ControlStatus status, String user) {
        if (user == null) {
            return -1;
        }
        if (status.controls(user)) {
            return 0;
        }
        int place = status.place(user);
        return place > 0 ? place : -1;
    }

    static Action action(String header) {
        if (header == null || header.isBlank()) {
            return Action.COMMAND;
        }
        try {
            return Action.valueOf(header.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("header " + Vbc10Constants.CONTROL_ACTION
                    + " must be command, acquire, release or status, was '" + header + "'");
        }
    }

    private static ControlRole role(String header) {
        return header == null || header.isBlank() ? ControlRole.CONTROL : ControlRole.parse(header);
    }
}
