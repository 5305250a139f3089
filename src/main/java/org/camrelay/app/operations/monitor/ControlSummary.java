package org.camrelay.app.operations.monitor;

/**
 * A camera's pan/tilt/zoom control at one instant, as the operations views show it: the control attributes of the
 * camera's {@code vbc10:} endpoint.
 *
 * @param mode              {@code none}, {@code webview} or {@code native} (the endpoint's option {@code control})
 * @param available         whether the camera-facing client is connected and knows the position and limits
 * @param controller        the user in control, null when nobody is
 * @param queueLength       users waiting for control
 * @param grant             the relay's standing with the camera's own control slot: NONE, REQUESTED, WAITING,
 *                          GRANTED, REVOKED or REFUSED
 * @param commands          users' commands passed on to the camera-facing client
 * @param commandsSent      commands the client sent to the camera
 * @param commandsCoalesced commands merged into a newer one before they were sent
 * @param refusals          commands or control requests the camera refused
 * @param takeOvers         times a user with a higher role took control over
 * @param handOvers         times control passed to the next user in the queue
 */
public record ControlSummary(String mode, boolean available, String controller, int queueLength, String grant,
        long commands, long commandsSent, long commandsCoalesced, long refusals, long takeOvers, long handOvers) {

    /** Whether the camera can be controlled at all ({@code control} is not {@code none}). */
    public boolean enabled() {
        return !mode.equals("none");
    }

    /** Whether a user controls the camera. */
    public boolean controlled() {
        return controller != null;
    }
}
