package org.camrelay.simulator;

/** Who sent a WebView request, by its HTTP Basic authorization [spec appendix I]. */
enum UserLevel {
    /** No authorization: a general user. */
    GUEST,
    /** The ordinary user of {@link CameraSimulator.Builder#credentials}: a registered user without privileges. */
    USER,
    /** The administrator of {@link CameraSimulator.Builder#adminCredentials}: privileged, without time limits. */
    ADMIN;

    boolean authenticated() {
        return this != GUEST;
    }

    boolean privileged() {
        return this == ADMIN;
    }
}
