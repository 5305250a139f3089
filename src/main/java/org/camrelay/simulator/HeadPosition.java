package org.camrelay.simulator;

import java.util.Locale;

/**
 * Where a simulated camera head points, in Canon's units: pan and tilt in hundredths of a degree (positive is
 * right and up), zoom as the horizontal angle of view in hundredths of a degree (smaller is more zoomed in), and
 * whether back-light compensation is on.
 */
public record HeadPosition(int pan, int tilt, int zoom, boolean backLight) {

    /** Where a VB-C10 starts: looking straight ahead, zoomed out fully, back-light compensation off. */
    public static final HeadPosition HOME = new HeadPosition(0, 0, HeadLimits.VB_C10.zoomWide(), false);

    /** The same position with back-light compensation switched as given. */
    public HeadPosition withBackLight(boolean on) {
        return new HeadPosition(pan, tilt, zoom, on);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "pan %.2f, tilt %.2f, zoom %.2f degrees, back light %s",
                pan / 100.0, tilt / 100.0, zoom / 100.0, backLight ? "on" : "off");
    }
}
