package org.camrelay.component.vbc10.control;

import java.util.List;

/**
 * Who controls a camera's pan, tilt and zoom on the relay at one moment, who waits, and what the camera reports.
 *
 * @param camera               the camera's name
 * @param controller           the user in control, null when nobody is
 * @param controllerRole       that user's role, null when nobody is in control
 * @param leaseRemainingMillis how long the controller's lease has to run (0 when it has run out or nobody controls);
 *                             commands renew it while nobody waits
 * @param leaseMillis          a full lease (option {@code controlLease})
 * @param queue                the users waiting, first in line first
 * @param ptz                  the camera-facing client's state: position, limits, the camera's grant, its counters
 * @param commands             commands of controllers passed on to the camera-facing client
 * @param takeOvers            times a user with a higher role took control over
 * @param handOvers            times control passed from one user to the next in the queue
 */
public record ControlStatus(String camera, String controller, ControlRole controllerRole, long leaseRemainingMillis,
        long leaseMillis, List<String> queue, PtzState ptz, long commands, long takeOvers, long handOvers) {

    public ControlStatus {
        queue = List.copyOf(queue);
    }

    /** Whether a user controls the camera. */
    public boolean controlled() {
        return controller != null;
    }

    /** Whether this user controls the camera. */
    public boolean controls(String user) {
        return controller != null && controller.equals(user);
    }

    /** The user's place in the queue, from 1; 0 when they are not queued. */
    public int place(String user) {
        int index = queue.indexOf(user);
        return index + 1;
    }

    /**
     * The estimated wait of the user at this place in the queue: the controller's remaining lease plus a full lease
     * per user ahead; 0 for place 0.
     */
    public long waitMillis(int place) {
        return place <= 0 ? 0 : leaseRemainingMillis + (place - 1) * leaseMillis;
    }
}
