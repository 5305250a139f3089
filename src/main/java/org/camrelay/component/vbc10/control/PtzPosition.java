package org.camrelay.component.vbc10.control;

/**
 * Where the camera points, in degrees: pan (positive right), tilt (positive up) and zoom as the horizontal angle of
 * view; and whether back-light compensation is on.
 */
public record PtzPosition(double pan, double tilt, double zoom, boolean backLight) {

    /** From Canon's hundredths of a degree, as GetCameraInfo, GetNotice events and the native port report them. */
    public static PtzPosition ofHundredths(int pan, int tilt, int zoom, boolean backLight) {
        return new PtzPosition(pan / 100.0, tilt / 100.0, zoom / 100.0, backLight);
    }

    /** The absolute position a move leads to from here; axes the move leaves out stay. */
    public PtzPosition after(PtzCommand.Move move) {
        double delta = move.relative() ? 1 : 0;
        return new PtzPosition(
                move.pan() == null ? pan : move.pan() + delta * pan,
                move.tilt() == null ? tilt : move.tilt() + delta * tilt,
                move.zoom() == null ? zoom : move.zoom() + delta * zoom,
                backLight);
    }
}
