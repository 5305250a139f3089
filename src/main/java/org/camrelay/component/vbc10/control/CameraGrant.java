package org.camrelay.component.vbc10.control;

/**
 * The relay's own standing with the camera's single control slot, as the camera reported it (WebView GetNotice
 * events 31 to 34, or the native control port's replies) — never assumed from a request having been accepted.
 *
 * @param state  what the camera last said
 * @param millis for {@link State#GRANTED} the camera's time limit ({@code time_limit}, 0 if none was given), for
 *               {@link State#WAITING} the camera's estimated wait ({@code wait_time}); otherwise 0
 * @param reason a short text for operators: why control is not held (camera refusal text, connection error); null
 *               when there is nothing to say
 * @param since  when the camera reported this state, in milliseconds since the epoch
 */
public record CameraGrant(State state, long millis, String reason, long since) {

    public enum State {
        /** The relay does not hold and has not asked for control. */
        NONE,
        /** Asked for; the camera has not answered with an event yet. */
        REQUESTED,
        /** The camera queued the request behind another client (event 33). */
        WAITING,
        /** The camera gave the relay control (event 31). */
        GRANTED,
        /** The camera took control away (event 32), e.g. its time limit ran out or a privileged client took it. */
        REVOKED,
        /** The camera refused the request (event 34), or control is not possible now (camera down, error). */
        REFUSED
    }

    public static CameraGrant none() {
        return new CameraGrant(State.NONE, 0, null, System.currentTimeMillis());
    }

    public static CameraGrant of(State state, long millis, String reason) {
        return new CameraGrant(state, millis, reason, System.currentTimeMillis());
    }

    public boolean granted() {
        return state == State.GRANTED;
    }
}
