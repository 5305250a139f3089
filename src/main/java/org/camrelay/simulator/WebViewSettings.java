package org.camrelay.simulator;

import java.util.Set;

/**
 * What a simulated camera's WebView interface is configured with, from {@link CameraSimulator.Builder}.
 *
 * @param defaultSize          the picture size when a request names none
 * @param fps                  the simulator's picture rate, GetOneShot's default
 * @param boundary             the multipart boundary of GetOneShot streams
 * @param connectionLimitNanos the maximum connection time of general clients, 0 for none
 * @param idleNanos            how long a session may make no request
 * @param maxClients           the most sessions at a time
 * @param userToken            the Base64 Basic token of the ordinary user, or null
 * @param adminToken           the Base64 Basic token of the administrator, or null
 * @param allowGuests          whether requests without authorization are served
 * @param guestRestricted      commands, in lower case, that need an authenticated user
 */
record WebViewSettings(String name, FrameSize defaultSize, int fps, String boundary, long connectionLimitNanos,
                       long idleNanos, int maxClients, byte[] userToken, byte[] adminToken, boolean allowGuests,
                       Set<String> guestRestricted) {
}
