package org.camrelay.simulator;

/**
 * One frame as a client received it.
 *
 * @param transport    how it was sent
 * @param connectionId the simulator-wide id of the connection (unique across both transports)
 * @param frameNumber  the render tick the picture belongs to; never decreases on one connection
 * @param kind         whether a fault changed the picture
 * @param jpeg         exactly the bytes written for the frame, without noise, videogram header and HTTP part headers;
 *                     shared with other connections, so read-only
 */
public record SentFrame(SimulatorTransport transport, long connectionId, long frameNumber, Kind kind, byte[] jpeg) {

    /** What the simulator did to the picture, see {@link SimulatorFaults}. */
    public enum Kind {
        /** The picture as rendered. */
        GOOD,
        /** Cut roughly in half, so there is no end-of-image marker. */
        TRUNCATED,
        /** A valid JPEG padded with application segments up to a minimum size. */
        OVERSIZED
    }
}
