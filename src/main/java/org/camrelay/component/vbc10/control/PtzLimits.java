package org.camrelay.component.vbc10.control;

import java.util.Locale;

/**
 * The range a camera may be steered within, in degrees: its configured control limits ({@code pan_left_limit} ...
 * {@code zoom_wide_limit} in WebView's GetCameraInfo), never the wider mechanical ends.
 *
 * @param zoomTele the narrowest angle of view (most zoomed in)
 * @param zoomWide the widest angle of view
 */
public record PtzLimits(double panLeft, double panRight, double tiltDown, double tiltUp, double zoomTele,
        double zoomWide) {

    /** A VB-C10's mechanical range: pan -170..170, tilt -90..10, view angle 3..47.5 degrees. */
    public static final PtzLimits VB_C10 = new PtzLimits(-170, 170, -90, 10, 3, 47.5);

    public PtzLimits {
        if (!(panLeft <= panRight && tiltDown <= tiltUp && zoomTele <= zoomWide)) {
            throw new IllegalArgumentException("limits out of order: " + describe(panLeft, panRight, tiltDown, tiltUp,
                    zoomTele, zoomWide));
        }
    }

    /**
     * Checks that the position a move leads to from {@code current} is within these limits.
     *
     * @throws PtzException {@link PtzException.Reason#OUT_OF_RANGE}, naming the axis, the value and the limit
     */
    public void check(PtzCommand.Move move, PtzPosition current) {
        PtzPosition target = current.after(move);
        if (move.pan() != null) {
            check("pan", target.pan(), panLeft, panRight, "pan_left_limit", "pan_right_limit");
        }
        if (move.tilt() != null) {
            check("tilt", target.tilt(), tiltDown, tiltUp, "tilt_down_limit", "tilt_up_limit");
        }
        if (move.zoom() != null) {
            check("zoom", target.zoom(), zoomTele, zoomWide, "zoom_tele_limit", "zoom_wide_limit");
        }
    }

    private static void check(String axis, double value, double min, double max, String minName, String maxName) {
        // a hundredth of a degree is the camera's resolution: rounding must not refuse a value at the limit
        if (value < min - 0.005) {
            throw new PtzException(PtzException.Reason.OUT_OF_RANGE, String.format(Locale.ROOT,
                    "%s %.2f is below the camera's %s of %.2f degrees (range %.2f to %.2f)", axis, value, minName, min,
                    min, max));
        }
        if (value > max + 0.005) {
            throw new PtzException(PtzException.Reason.OUT_OF_RANGE, String.format(Locale.ROOT,
                    "%s %.2f is above the camera's %s of %.2f degrees (range %.2f to %.2f)", axis, value, maxName, max,
                    min, max));
        }
    }

    private static String describe(double... values) {
        return String.format(Locale.ROOT, "pan %.2f..%.2f, tilt %.2f..%.2f, zoom %.2f..%.2f", values[0], values[1],
                values[2], values[3], values[4], values[5]);
    }
}
