package org.camrelay.app.operations;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.camel.util.json.DeserializationException;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.camrelay.app.operations.security.ApiAuthenticator.ApiUser;
import org.camrelay.component.vbc10.control.CameraControl;
import org.camrelay.component.vbc10.control.CameraGrant;
import org.camrelay.component.vbc10.control.ControlStatus;
import org.camrelay.component.vbc10.control.PtzCommand;
import org.camrelay.component.vbc10.control.PtzLimits;
import org.camrelay.component.vbc10.control.PtzPosition;
import org.camrelay.component.vbc10.control.PtzState;

/** The JSON of {@code /api/cameras/{name}/ptz}: the status it answers with, and the commands it takes. */
final class PtzJson {

    private static final String COMMANDS = "a command is {\"pan\", \"tilt\", \"zoom\" (degrees), \"relative\"},"
            + " {\"move\": \"left|right|up|down|up_left|up_right|down_left|down_right|stop\"},"
            + " {\"zoom\": \"tele|wide|stop\"} or {\"backLight\": true|false}";
    private static final Set<String> MOVE_FIELDS = Set.of("pan", "tilt", "zoom", "relative");

    private PtzJson() {
    }

    /**
     * A camera's control as a caller sees it: position, limits, availability, whether someone controls, the queue's
     * length and the camera's grant for everyone; who controls, who waits and the caller's own place only for a
     * caller who logged in ({@code user} not null).
     */
    static JsonObject status(CameraControl control, ControlStatus status, ApiUser user) {
        PtzState ptz = status.ptz();
        JsonObject json = new JsonObject();
        json.put("camera", control.camera());
        json.put("mode", control.mode().value());
        json.put("available", ptz.available());
        json.put("position", position(ptz.position()));
        json.put("limits", limits(ptz.limits()));
        json.put("controlled", status.controlled());
        json.put("leaseRemainingMillis", status.leaseRemainingMillis());
        json.put("queueLength", status.queue().size());
        if (user != null) {
            json.put("controller", status.controller());
            json.put("queue", new JsonArray(status.queue()));
            JsonObject you = new JsonObject();
            int place = status.place(user.name());
            you.put("user", user.name());
            you.put("controlling", status.controls(user.name()));
            you.put("queued", place > 0);
            if (place > 0) {
                you.put("place", place);
                you.put("waitMillis", status.waitMillis(place));
            }
            json.put("you", you);
        }
        json.put("grant", grant(ptz.grant()));
        return json;
    }

    static JsonObject position(PtzPosition position) {
        if (position == null) {
            return null;
        }
        JsonObject json = new JsonObject();
        json.put("pan", position.pan());
        json.put("tilt", position.tilt());
        json.put("zoom", position.zoom());
        json.put("backLight", position.backLight());
        return json;
    }

    /** Per axis, in degrees: pan left to right, tilt down to up, zoom (angle of view) tele to wide. */
    static JsonObject limits(PtzLimits limits) {
        if (limits == null) {
            return null;
        }
        JsonObject json = new JsonObject();
        json.put("pan", range(limits.panLeft(), limits.panRight()));
        json.put("tilt", range(limits.tiltDown(), limits.tiltUp()));
        json.put("zoom", range(limits.zoomTele(), limits.zoomWide()));
        return json;
    }

    private static JsonObject range(double min, double max) {
        JsonObject json = new JsonObject();
        json.put("min", min);
        json.put("max", max);
        return json;
    }

    /** The relay's standing with the camera's own control slot. */
    static JsonObject grant(CameraGrant grant) {
        JsonObject json = new JsonObject();
        json.put("state", grant.state().name());
        if (grant.state() == CameraGrant.State.GRANTED && grant.millis() > 0) {
            json.put("timeLimitMillis", grant.millis());
        } else if (grant.state() == CameraGrant.State.WAITING) {
            json.put("waitMillis", grant.millis());
        }
        if (grant.reason() != null) {
            json.put("reason", grant.reason());
        }
        json.put("since", grant.since());
        return json;
    }

    /**
     * Parses a command.
     *
     * @throws IllegalArgumentException with a message for the caller: malformed JSON, unknown fields, wrong types
     */
    static PtzCommand command(String body) {
        JsonObject json = object(body);
        if (json.isEmpty()) {
            throw new IllegalArgumentException("an empty command: " + COMMANDS);
        }
        if (json.containsKey("move")) {
            only(json, "move");
            return new PtzCommand.PanTiltMove(direction(json.get("move"), PtzCommand.PanTilt.class, "move"));
        }
        if (json.containsKey("backLight")) {
            only(json, "backLight");
            return new PtzCommand.BackLight(bool(json, "backLight"));
        }
        if (json.get("zoom") instanceof String) {
            only(json, "zoom");
            return new PtzCommand.ZoomMove(direction(json.get("zoom"), PtzCommand.Zoom.class, "zoom"));
        }
        for (String field : json.keySet()) {
            if (!MOVE_FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + field + "': " + COMMANDS);
            }
        }
        Double pan = degrees(json, "pan");
        Double tilt = degrees(json, "tilt");
        Double zoom = degrees(json, "zoom");
        if (pan == null && tilt == null && zoom == null) {
            throw new IllegalArgumentException("a move needs at least one of pan, tilt and zoom: " + COMMANDS);
        }
        boolean relative = json.containsKey("relative") && bool(json, "relative");
        return new PtzCommand.Move(pan, tilt, zoom, relative);
    }

    /**
     * Parses the body of a request for control: empty, {@code {}} or {@code {"takeOver": true}}.
     *
     * @return whether the caller asks to take control over
     */
    static boolean takeOver(String body) {
        if (body == null || body.isBlank()) {
            return false;
        }
        JsonObject json = object(body);
        for (String field : json.keySet()) {
            if (!field.equals("takeOver")) {
                throw new IllegalArgumentException("unknown field '" + field + "': a request for control is empty or"
                        + " {\"takeOver\": true}");
            }
        }
        return json.containsKey("takeOver") && bool(json, "takeOver");
    }

    private static JsonObject object(String body) {
        Object parsed;
        try {
            parsed = Jsoner.deserialize(body == null ? "" : body);
        } catch (DeserializationException e) {
            throw new IllegalArgumentException("malformed JSON at character " + e.getPosition() + ": " + COMMANDS);
        }
        if (!(parsed instanceof JsonObject json)) {
            throw new IllegalArgumentException("the body must be a JSON object: " + COMMANDS);
        }
        return json;
    }

    private static void only(Map<String, Object> json, String field) {
        for (String other : json.keySet()) {
            if (!other.equals(field)) {
                throw new IllegalArgumentException((MOVE_FIELDS.contains(other) || other.equals("move")
                        || other.equals("backLight") ? "'" + field + "' cannot be combined with '" + other + "'"
                        : "unknown field '" + other + "'") + ": " + COMMANDS);
            }
        }
    }

    private static Double degrees(Map<String, Object> json, String field) {
        if (!json.containsKey(field)) {
            return null;
        }
        if (json.get(field) instanceof Number number) {
            return number.doubleValue();
        }
        throw new IllegalArgumentException(field + " must be a number of degrees, was " + Jsoner.serialize(
                json.get(field)));
    }

    private static boolean bool(Map<String, Object> json, String field) {
        if (json.get(field) instanceof Boolean value) {
            return value;
        }
        throw new IllegalArgumentException(field + " must be true or false, was " + Jsoner.serialize(json.get(field)));
    }

    private static <E extends Enum<E>> E direction(Object value, Class<E> type, String field) {
        if (value instanceof String text) {
            String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(name)) {
                    return constant;
                }
            }
        }
        throw new IllegalArgumentException(field + " must be one of " + String.join("|",
                java.util.Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList())
                + ", was " + Jsoner.serialize(value));
    }
}
