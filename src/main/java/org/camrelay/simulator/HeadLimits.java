package org.camrelay.simulator;

/**
 * A range of camera head positions in hundredths of a degree: the mechanical ends of a VB-C10
 * ({@link #VB_C10}) or the narrower control limits an administrator configured, which clients must keep within
 * (GetCameraInfo's {@code *_end} and {@code *_limit} values).
 *
 * @param zoomTele the narrowest horizontal angle of view (most zoomed in)
 * @param zoomWide the widest horizontal angle of view
 */
public record HeadLimits(int panLeft, int panRight, int tiltDown, int tiltUp, int zoomTele, int zoomWide) {

    /**
     * The mechanical ends of a VB-C10: pan -170..170 degrees, tilt -90..10 degrees, angle of view 3 (tele) to 47.5
     * (wide) degrees, 16x optical zoom (CANON-PROTOCOLS section 4).
     */
    public static final HeadLimits VB_C10 = new HeadLimits(-17000, 17000, -9000, 1000, 300, 4750);

    public HeadLimits {
        if (panLeft > panRight || tiltDown > tiltUp || zoomTele > zoomWide || zoomTele <= 0) {
            throw new IllegalArgumentException("limits out of order or not positive: pan " + panLeft + ".." + panRight
                    + ", tilt " + tiltDown + ".." + tiltUp + ", zoom " + zoomTele + ".." + zoomWide);
        }
    }

    /** Whether every position within {@code other} lies within these limits. */
    public boolean encloses(HeadLimits other) {
        return panLeft <= other.panLeft && other.panRight <= panRight && tiltDown <= other.tiltDown
                && other.tiltUp <= tiltUp && zoomTele <= other.zoomTele && other.zoomWide <= zoomWide;
    }

    boolean panWithin(int pan) {
        return panLeft <= pan && pan <= panRight;
    }

    boolean tiltWithin(int tilt) {
        return tiltDown <= tilt && tilt <= tiltUp;
    }

    boolean zoomWithin(int zoom) {
        return zoomTele <= zoom && zoom <= zoomWide;
    }

    /** Parses {@code panLeft,panRight,tiltDown,tiltUp,zoomTele,zoomWide} in hundredths of a degree. */
    static HeadLimits parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("limits need six numbers: panLeft,panRight,tiltDown,tiltUp,zoomTele,"
                    + "zoomWide in hundredths of a degree, not '" + text + "'");
        }
        int[] values = new int[6];
        for (int i = 0; i < 6; i++) {
            try {
                values[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + parts[i] + "' is not a whole number of hundredths", e);
            }
        }
        return new HeadLimits(values[0], values[1], values[2], values[3], values[4], values[5]);
    }
}
