package org.camrelay.component.vbc10.control;

import java.util.List;

import org.camrelay.component.vbc10.Vbc10Configuration;

/**
 * What a control client needs to know of its camera, taken from the endpoint's options once, plus timings that are
 * not options (tests shorten them). Holds the camera's password: never logged, no {@code toString()} with it.
 */
final class ControlSettings {

    /** How long a session stays open after control was given back, so that quick re-acquires reuse it. */
    static final long DEFAULT_LINGER_MILLIS = 10_000;
    /** How often the WebView client reads GetCameraInfo again (position and limits) while it runs. */
    static final long DEFAULT_INFO_REFRESH_MILLIS = 60_000;
    /** How long commands may wait for a grant the camera has not answered yet before they fail. */
    static final long DEFAULT_GRANT_WAIT_MILLIS = 10_000;
    /** How long a command may take to be answered (connecting not included). */
    static final long DEFAULT_ANSWER_MILLIS = 10_000;
    /** How long to wait before asking again after a 408 Conflict of GetNotice. */
    static final long DEFAULT_CONFLICT_DELAY_MILLIS = 1_000;

    String camera;
    String host;
    int httpPort;
    String username;
    String password;
    int connectTimeoutMillis;
    int noticeTimeoutSeconds;
    int priority;
    int controlPort;
    List<ControlDatagram> login = List.of();
    PtzLimits limits = PtzLimits.VB_C10;
    long reconnectDelay;
    long reconnectMaxDelay;
    double reconnectJitter;
    long lingerMillis = DEFAULT_LINGER_MILLIS;
    long infoRefreshMillis = DEFAULT_INFO_REFRESH_MILLIS;
    long grantWaitMillis = DEFAULT_GRANT_WAIT_MILLIS;
    long answerMillis = DEFAULT_ANSWER_MILLIS;
    long conflictDelayMillis = DEFAULT_CONFLICT_DELAY_MILLIS;

    static ControlSettings from(Vbc10Configuration configuration) {
        ControlSettings settings = new ControlSettings();
        settings.camera = configuration.getName();
        settings.host = configuration.getHost();
        settings.httpPort = configuration.getHttpPort();
        settings.username = configuration.getUsername();
        settings.password = configuration.getPassword();
        settings.connectTimeoutMillis = (int) configuration.getConnectTimeout();
        settings.noticeTimeoutSeconds = configuration.getNoticeTimeout();
        settings.priority = configuration.getControlPriority();
        settings.controlPort = configuration.getControlPort();
        settings.login = CameraControlClients.parseLogin(configuration.getControlLogin());
        settings.limits = CameraControlClients.parseLimits(configuration.getControlLimits());
        settings.reconnectDelay = configuration.getReconnectDelay();
        settings.reconnectMaxDelay = configuration.getReconnectMaxDelay();
        settings.reconnectJitter = configuration.getReconnectJitter();
        return settings;
    }

    /** host:port of a port of the camera, for messages. */
    String address(int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return "ControlSettings[camera=" + camera + ", host=" + host + "]";
    }
}
