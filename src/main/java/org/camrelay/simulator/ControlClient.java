package org.camrelay.simulator;

/**
 * A client that competes for the camera's single control slot ({@link ControlSlot}): a WebView session, a
 * native control connection or the simulated "other client" of the test hooks. The callbacks run under the slot's
 * lock, in the order the camera decided things, so they must be quick, must not block and must not call back into
 * the slot or the head.
 */
interface ControlClient {

    /** 0 for a general client, 5 to 50 for a privileged one. */
    int priority();

    /** Names the client in logs and {@link CameraHead#controlHolder()}. */
    String label();

    /** Event 31: the client now holds control, for {@code timeLimitMillis} (0 if without limit). */
    void controlGranted(long timeLimitMillis);

    /** Event 33: the client waits for control, about {@code waitMillis} (0 if the camera cannot tell). */
    void controlWaiting(long waitMillis);

    /** Event 32: control was taken away or given up, or the wait was cancelled. */
    void controlRevoked();

    /** Event 34: the request was refused. */
    void controlRefused();

    /** Whether {@link #priority()} makes the client privileged: no time limit, may take control from its peers. */
    static boolean privileged(int priority) {
        return priority >= 5;
    }
}
