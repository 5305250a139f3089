package org.camrelay.simulator;

import java.util.List;
import java.util.Set;

/**
 * One GetNotice event [spec 4.4.1]: its number, sent as the {@code Livescope-Notice} header, and the lines of
 * its body.
 */
record Notice(int number, List<String> lines) {

    static final Notice VIDEO_SERVER_CONNECTED = new Notice(11, List.of("video_capture_server", "connection_established"));
    static final Notice CONTROL_SERVER_CONNECTED =
            new Notice(14, List.of("camera_control_server", "connection_established"));
    static final Notice CONNECTION_CLOSED = new Notice(23, List.of("client_connection_closed"));
    static final Notice CONTROL_DISABLED = new Notice(32, List.of("disabled_camera_control"));
    static final Notice CONTROL_REFUSED = new Notice(34, List.of("failed_to_get_camera_control"));

    Notice {
        lines = List.copyOf(lines);
    }

    static Notice controlEnabled(long timeLimitMillis) {
        return new Notice(31, List.of("enabled_camera_control", "time_limit=" + timeLimitMillis));
    }

    static Notice controlWaiting(long waitMillis) {
        return new Notice(33, List.of("waiting_camera_control", "wait_time=" + waitMillis));
    }

    /** Event 41 to the client that moved the camera, 42 to every other. */
    static Notice cameraOperated(boolean byThisClient, HeadPosition position) {
        return new Notice(byThisClient ? 41 : 42, List.of(
                byThisClient ? "camera_operated" : "camera_operated_by_another_client",
                "pan=" + position.pan(),
                "tilt=" + position.tilt(),
                "zoom=" + position.zoom(),
                "back_light=" + (position.backLight() ? "ON" : "OFF")));
    }

    /**
     * The event numbers of a {@code notice} parameter value, or null if the name is unknown.
     */
    static Set<Integer> category(String name) {
        return switch (name) {
            case "camera_server_event" -> Set.of(11, 14, 21, 22, 23);
            case "camera_control" -> Set.of(31, 32, 33, 34);
            case "camera_operation" -> Set.of(41, 42, 43, 44);
            case "external_io_config" -> Set.of(51);
            case "external_io_status" -> Set.of(52);
            default -> null;
        };
    }
}
