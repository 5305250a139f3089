package org.camrelay.component.vbc10.control;

import java.util.Objects;

/**
 * One pan/tilt/zoom command as users give it, in degrees. Angles follow Canon's convention: positive pan is to the
 * right, positive tilt is up, and zoom is the horizontal angle of view (smaller is more zoomed in).
 */
public sealed interface PtzCommand {

    /**
     * Moves to a position, or by an amount when {@code relative}. A null axis stays where it is; at least one axis is
     * given.
     */
    record Move(Double pan, Double tilt, Double zoom, boolean relative) implements PtzCommand {
        public Move {
            if (pan == null && tilt == null && zoom == null) {
                throw new IllegalArgumentException("a move needs at least one of pan, tilt and zoom");
            }
            for (Double value : new Double[] {pan, tilt, zoom}) {
                if (value != null && !Double.isFinite(value)) {
                    throw new IllegalArgumentException("pan, tilt and zoom must be finite numbers of degrees");
                }
            }
        }

        public static Move absolute(Double pan, Double tilt, Double zoom) {
            return new Move(pan, tilt, zoom, false);
        }

        public static Move relative(Double pan, Double tilt, Double zoom) {
            return new Move(pan, tilt, zoom, true);
        }
    }

    /** Starts panning and tilting in a direction until {@link PanTilt#STOP} (or the camera's limit). */
    record PanTiltMove(PanTilt direction) implements PtzCommand {
        public PanTiltMove {
            Objects.requireNonNull(direction, "direction");
        }
    }

    /** Starts zooming in ({@link Zoom#TELE}) or out ({@link Zoom#WIDE}) until {@link Zoom#STOP}. */
    record ZoomMove(Zoom direction) implements PtzCommand {
        public ZoomMove {
            Objects.requireNonNull(direction, "direction");
        }
    }

    /** Switches the camera's back-light compensation on or off. */
    record BackLight(boolean on) implements PtzCommand {
    }

    /** Directions of a continuous pan/tilt move, as WebView's OperateCameraEx names them. */
    enum PanTilt {
        LEFT, RIGHT, UP, DOWN, UP_LEFT, UP_RIGHT, DOWN_LEFT, DOWN_RIGHT, STOP;

        /** The WebView name: {@code up_left} and so on. */
        public String webViewName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Directions of a continuous zoom. */
    enum Zoom {
        TELE, WIDE, STOP;

        public String webViewName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
