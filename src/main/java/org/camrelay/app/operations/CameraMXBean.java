package org.camrelay.app.operations;

import java.util.Map;

/**
 * One camera in JMX ({@code org.camrelay:context=...,type=cameras,name=...}), for Hawtio and Jolokia: the operator's
 * one-stop view of the figures that the camera's parts show on their own MBeans (its {@code vbc10:} endpoint, and the
 * limiters, encoders and outputs its route sends to). The figures are those of the last sample, at most a second old;
 * counts are totals since the parts started.
 */
public interface CameraMXBean {

    String getName();

    String getRouteId();

    /** Host and port the camera is pulled from; never its credentials. */
    String getAddress();

    String getTransport();

    /** STREAMING, STARTING, DOWN or STOPPED. */
    String getState();

    boolean isConnected();

    double getFramesInPerSecond();

    double getFramesOutPerSecond();

    long getFramesReceived();

    long getReconnects();

    /** Streams the camera ended routinely, at its maximum connection time, and that were renewed at once. */
    long getStreamRenewals();

    /** Why the camera is not streaming, as logged; null while frames flow. */
    String getProblem();

    /** Milliseconds since the last frame, -1 if none came. */
    long getLastFrameAgeMillis();

    long getFramesDroppedCorrupt();

    long getFramesDroppedOversize();

    long getFramesDroppedRouteBusy();

    long getFramesDroppedByLimiter();

    long getFramesDroppedEncoderBusy();

    long getFramesDroppedEncoderFailed();

    long getFramesDroppedSlowViewers();

    /** Viewers watching now, by output path. */
    Map<String, Integer> getViewersPerOutput();

    int getViewers();

    long getBytesOut();

    double getEncodeMicrosPerFrame();

    /** Pan/tilt/zoom control: none, webview or native. */
    String getControlMode();

    /** Whether the camera-facing control client is connected and knows the position and limits. */
    boolean isControlAvailable();

    /** The user controlling the camera, or null. */
    String getControlHolder();

    /** Users waiting for control. */
    int getControlQueueLength();

    /** The relay's standing with the camera's own control slot: NONE, REQUESTED, WAITING, GRANTED, REVOKED, REFUSED. */
    String getControlGrant();

    /** Users' commands passed on to the camera-facing client. */
    long getControlCommands();

    long getControlCommandsSent();

    long getControlCommandsCoalesced();

    /** Commands or control requests the camera refused. */
    long getControlRefusals();

    long getControlTakeOvers();

    long getControlHandOvers();
}
