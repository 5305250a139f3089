package org.camrelay.component.vbc10.control;

/**
 * Another user controls the camera: the caller has been put in the queue (HTTP 409). Carries the caller's place and
 * the estimated wait, so that a user interface can show them.
 */
public class ControlQueuedException extends PtzException {

    private final int place;
    private final long waitMillis;
    private final String controller;

    /**
     * @param place      the caller's place in the queue, from 1
     * @param waitMillis the estimated wait: the controller's remaining lease plus a full lease per user ahead
     * @param controller who controls the camera now
     */
    /** What a queued user is told: who controls, their place and about how long they wait. */
    public static String describe(String camera, String controller, int place, long waitMillis) {
        return String.format(java.util.Locale.ROOT, "'%s' controls camera '%s'; you are number %d in the queue, about"
                + " %d s to wait", controller, camera, place, (waitMillis + 999) / 1000);
    }

    public ControlQueuedException(String message, int place, long waitMillis, String controller) {
        super(Reason.NOT_CONTROLLER, message);
        this.place = place;
        this.waitMillis = waitMillis;
        this.controller = controller;
    }

    public int place() {
        return place;
    }

    public long waitMillis() {
        return waitMillis;
    }

    public String controller() {
        return controller;
    }
}
