package org.camrelay.simulator;

/**
 * Observes every frame a {@link CameraSimulator} has written to a client, good or faulty.
 *
 * <p>Called on the simulator's I/O threads, once the write has completed, so implementations must be
 * quick, thread-safe and must not block; an exception is logged and otherwise ignored.
 */
@FunctionalInterface
public interface SentFrameListener {

    void onFrameSent(SentFrame frame);
}
