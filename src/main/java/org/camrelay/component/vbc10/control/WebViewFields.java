package org.camrelay.component.vbc10.control;

import java.util.Locale;
import java.util.Map;

/**
 * Reads what WebView answers carry about the camera's pan, tilt and zoom: GetCameraInfo's {@code key=value} lines and
 * the lines of GetNotice events 41/42. All angles are hundredths of a degree; zoom is the horizontal angle of view.
 */
final class WebViewFields {

    /** GetNotice: the session ended. */
    static final int SESSION_CLOSED = 23;
    /** GetNotice: control granted, {@code time_limit=MS}. */
    static final int CONTROL_GRANTED = 31;
    /** GetNotice: control taken away (or the wait for it cancelled). */
    static final int CONTROL_TAKEN_AWAY = 32;
    /** GetNotice: waiting for control, {@code wait_time=MS}. */
    static final int CONTROL_WAITING = 33;
    /** GetNotice: the control request was refused. */
    static final int CONTROL_REFUSED = 34;
    /** GetNotice: the camera was operated by this session. */
    static final int OPERATED = 41;
    /** GetNotice: the camera was operated by another client (or moved by itself). */
    static final int OPERATED_BY_ANOTHER = 42;

    private WebViewFields() {
    }

    /**
     * The control limits of a GetCameraInfo answer ({@code pan_left_limit} ... {@code zoom_wide_limit}, never the
     * mechanical {@code *_end} values), or null when any is missing or not a number.
     */
    static PtzLimits limits(Map<String, String> fields) {
        Integer left = hundredths(fields, "pan_left_limit");
        Integer right = hundredths(fields, "pan_right_limit");
        Integer down = hundredths(fields, "tilt_down_limit");
        Integer up = hundredths(fields, "tilt_up_limit");
        Integer tele = hundredths(fields, "zoom_tele_limit");
        Integer wide = hundredths(fields, "zoom_wide_limit");
        if (left == null || right == null || down == null || up == null || tele == null || wide == null) {
            return null;
        }
        // each pair as low..high, whichever way round a model reports it
        return new PtzLimits(Math.min(left, right) / 100.0, Math.max(left, right) / 100.0,
                Math.min(down, up) / 100.0, Math.max(down, up) / 100.0,
                Math.min(tele, wide) / 100.0, Math.max(tele, wide) / 100.0);
    }

    /** The position of a GetCameraInfo answer ({@code pan_current_value} ...), axes it lacks taken from before. */
    static PtzPosition cameraInfoPosition(Map<String, String> fields, PtzPosition before) {
        return position(fields, "pan_current_value", "tilt_current_value", "zoom_current_value", before);
    }

    /** The position of an event 41/42 ({@code pan= tilt= zoom= back_light=}), axes it lacks taken from before. */
    static PtzPosition eventPosition(Map<String, String> fields, PtzPosition before) {
        return position(fields, "pan", "tilt", "zoom", before);
    }

    /** A millisecond count such as {@code time_limit} or {@code wait_time}; 0 when missing or malformed. */
    static long millis(Map<String, String> fields, String key) {
        String value = fields.get(key);
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static PtzPosition position(Map<String, String> fields, String panKey, String tiltKey, String zoomKey,
                                        PtzPosition before) {
        Integer pan = hundredths(fields, panKey);
        Integer tilt = hundredths(fields, tiltKey);
        Integer zoom = hundredths(fields, zoomKey);
        String backLight = fields.get("back_light");
        if (before == null && (pan == null || tilt == null || zoom == null)) {
            return null;
        }
        return new PtzPosition(pan == null ? before.pan() : pan / 100.0, tilt == null ? before.tilt() : tilt / 100.0,
                zoom == null ? before.zoom() : zoom / 100.0,
                backLight == null ? before != null && before.backLight()
                        : backLight.trim().toUpperCase(Locale.ROOT).equals("ON"));
    }

    private static Integer hundredths(Map<String, String> fields, String key) {
        String value = fields.get(key);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
