package org.camrelay.source;

import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;
import org.camrelay.ImageSize;
import org.camrelay.source.control.ControlMode;

/** The options of a vbc10 endpoint. The component holds defaults; each endpoint works on its own copy. */
@UriParams
public class Vbc10Configuration implements Cloneable {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String WEBVIEW_PATH = "/-wvhttp-01-/GetOneShot?image_size=%s&frame_rate=%s"
                                               + "&frame_count=no_limit";

    @UriPath(description = "The camera's name: letters, digits, '.', '_' or '-'. It names the camera in the"
                           + " headers and in every log line.")
    @Metadata(required = true)
    private String name;
    @UriParam(description = "The camera's host name or IP address.")
    @Metadata(required = true)
    private String host;
    @UriParam(defaultValue = "native", enums = "native,http",
              description = "How frames are fetched: native is the VB-C10/VB-C50 video protocol on videoPort; http is"
                            + " a multipart JPEG stream from httpPort, the WebView GetOneShot stream or any MJPEG"
                            + " camera's httpPath.")
    private Vbc10Transport transport = Vbc10Transport.NATIVE;
    @UriParam(label = "native", defaultValue = "65310", description = "The TCP port of the native video protocol.")
    private int videoPort = 65310;
    @UriParam(label = "http", defaultValue = "80", description = "The TCP port of the HTTP server.")
    private int httpPort = 80;
    @UriParam(label = "http",
              description = "The path and query of the MJPEG stream, used as is, e.g. /video.mjpg. When empty, the"
                            + " WebView stream: /-wvhttp-01-/GetOneShot with image_size={imageSize},"
                            + " frame_rate={fps} and frame_count=no_limit.")
    private String httpPath;
    @UriParam(defaultValue = "320x240",
              description = "The image size to ask the camera for, WIDTHxHEIGHT (WebView stream only).")
    private String imageSize = "320x240";
    @UriParam(defaultValue = "6",
              description = "Frames per second to ask for: the pace of frame requests on the native protocol, the"
                            + " frame_rate of the WebView stream.")
    private double fps = 6;
    @UriParam(label = "native,advanced", defaultValue = "0A0A0A0A",
              description = "The bytes sent after connecting on the native protocol, in hex.")
    private String handshake = "0A0A0A0A";
    @UriParam(label = "native,advanced", defaultValue = "0A",
              description = "The bytes that request one frame on the native protocol, in hex.")
    private String frameRequest = "0A";
    @UriParam(label = "security", secret = true, description = "The user name for HTTP Basic authentication.")
    private String username;
    @UriParam(label = "security", secret = true, description = "The password for HTTP Basic authentication.")
    private String password;
    @UriParam(label = "security", description = "The name of the credentials to use instead of username and"
            + " password, so that no secret is written in a route: the properties camrelay.credentials.NAME.username"
            + " and camrelay.credentials.NAME.password, from config/secrets.properties or the environment variables"
            + " CAMRELAY_CREDENTIALS_NAME_USERNAME and CAMRELAY_CREDENTIALS_NAME_PASSWORD.")
    private String credentials;
    @UriParam(label = "advanced", defaultValue = "4194304",
              description = "The largest frame accepted, in bytes; larger frames are dropped and counted.")
    private int maxFrameSize = 4 * 1024 * 1024;
    @UriParam(label = "advanced", defaultValue = "5000", javaType = "java.time.Duration",
              description = "How long to wait for a TCP connection to open, in milliseconds.")
    private long connectTimeout = 5000;
    @UriParam(defaultValue = "5000", javaType = "java.time.Duration",
              description = "A connection that delivers no complete frame for this long, in milliseconds, is closed"
                            + " and opened again.")
    private long stallTimeout = 5000;
    @UriParam(defaultValue = "1000", javaType = "java.time.Duration",
              description = "The delay before the first reconnect attempt, in milliseconds; it doubles with each"
                            + " failed attempt, up to reconnectMaxDelay.")
    private long reconnectDelay = 1000;
    @UriParam(defaultValue = "30000", javaType = "java.time.Duration",
              description = "The longest delay between reconnect attempts, in milliseconds.")
    private long reconnectMaxDelay = 30000;
    @UriParam(label = "advanced", defaultValue = "0.2",
              description = "How much each reconnect delay is spread at random, as a fraction of it (0.2 is"
                            + " plus or minus 20%), so that cameras do not reconnect in step.")
    private double reconnectJitter = 0.2;

    public Vbc10Configuration copy() {
        try {
            return (Vbc10Configuration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /**
     * Checks the options together.
     *
     * @throws IllegalArgumentException naming the first option that is wrong and why
     */
    public void validate() {
        require(name != null && NAME.matcher(name).matches(),
                "camera name must be 1-64 letters, digits, '.', '_' or '-' (vbc10:name?host=...), was '" + name + "'");
        require(host != null && !host.isBlank(), "host is required");
        require(transport != null, "transport must be native or http");
        requirePort("videoPort", videoPort);
        requirePort("httpPort", httpPort);
        require(httpPath == null || httpPath.isEmpty() || httpPath.startsWith("/"),
                "httpPath must start with '/', was '" + httpPath + "'");
        ImageSize.parse("imageSize", imageSize);
        require(fps > 0 && Double.isFinite(fps), "fps must be a positive number, was " + fps);
        require(hex("handshake", handshake).length > 0, "handshake must not be empty");
        require(hex("frameRequest", frameRequest).length > 0, "frameRequest must not be empty");
        require(username == null || username.indexOf(':') < 0, "username must not contain ':' (HTTP Basic)");
        require(password == null || username != null, "password is set but username is not");
        require(maxFrameSize > 0, "maxFrameSize must be positive, was " + maxFrameSize);
        require(connectTimeout > 0 && connectTimeout <= Integer.MAX_VALUE,
                "connectTimeout must be a positive number of milliseconds, was " + connectTimeout);
        require(stallTimeout > 0, "stallTimeout must be positive, was " + stallTimeout);
        require(reconnectDelay > 0, "reconnectDelay must be positive, was " + reconnectDelay);
        require(reconnectMaxDelay >= reconnectDelay,
                "reconnectMaxDelay (" + reconnectMaxDelay + ") must not be less than reconnectDelay ("
                                                     + reconnectDelay + ")");
        require(reconnectJitter >= 0 && reconnectJitter <= 1,
                "reconnectJitter must be a fraction between 0 and 1, was " + reconnectJitter);
        if (usesFps()) {
            long frameInterval = Math.round(1000 / fps);
            require(stallTimeout > frameInterval, "stallTimeout (" + stallTimeout + " ms) must be longer than the"
                                                  + " frame interval (" + frameInterval + " ms at fps " + fps + ")");
        }
        validateControl();
    }

    /** host:port that the transport connects to; safe to log. */
    String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port();
    }

    int port() {
        return transport == Vbc10Transport.NATIVE ? videoPort : httpPort;
    }

    byte[] handshakeBytes() {
        return hex("handshake", handshake);
    }

    byte[] frameRequestBytes() {
        return hex("frameRequest", frameRequest);
    }

    /** The request target of the HTTP transport: httpPath, or the WebView stream for imageSize and fps. */
    String requestPath() {
        if (httpPath != null && !httpPath.isEmpty()) {
            return httpPath;
        }
        return String.format(WEBVIEW_PATH, imageSize, BigDecimal.valueOf(fps).stripTrailingZeros().toPlainString());
    }

    /** Whether the camera is asked for fps frames per second, so that frames come at least that often. */
    private boolean usesFps() {
        return transport == Vbc10Transport.NATIVE || httpPath == null || httpPath.isEmpty();
    }

    private static byte[] hex(String option, String value) {
        try {
            return HexFormat.of().parseHex(value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    option + " must be hex digits, two per byte, e.g. 0A0A0A0A, was '" + value + "'", e);
        }
    }

    private static void requirePort(String option, int port) {
        require(port > 0 && port <= 65535, option + " must be between 1 and 65535, was " + port);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Vbc10Transport getTransport() {
        return transport;
    }

    public void setTransport(Vbc10Transport transport) {
        this.transport = transport;
    }

    public int getVideoPort() {
        return videoPort;
    }

    public void setVideoPort(int videoPort) {
        this.videoPort = videoPort;
    }

    public int getHttpPort() {
        return httpPort;
    }

    public void setHttpPort(int httpPort) {
        this.httpPort = httpPort;
    }

    public String getHttpPath() {
        return httpPath;
    }

    public void setHttpPath(String httpPath) {
        this.httpPath = httpPath;
    }

    public String getImageSize() {
        return imageSize;
    }

    public void setImageSize(String imageSize) {
        this.imageSize = imageSize;
    }

    public double getFps() {
        return fps;
    }

    public void setFps(double fps) {
        this.fps = fps;
    }

    public String getHandshake() {
        return handshake;
    }

    public void setHandshake(String handshake) {
        this.handshake = handshake;
    }

    public String getFrameRequest() {
        return frameRequest;
    }

    public void setFrameRequest(String frameRequest) {
        this.frameRequest = frameRequest;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getCredentials() {
        return credentials;
    }

    public void setCredentials(String credentials) {
        this.credentials = credentials;
    }

    public int getMaxFrameSize() {
        return maxFrameSize;
    }

    public void setMaxFrameSize(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getStallTimeout() {
        return stallTimeout;
    }

    public void setStallTimeout(long stallTimeout) {
        this.stallTimeout = stallTimeout;
    }

    public long getReconnectDelay() {
        return reconnectDelay;
    }

    public void setReconnectDelay(long reconnectDelay) {
        this.reconnectDelay = reconnectDelay;
    }

    public long getReconnectMaxDelay() {
        return reconnectMaxDelay;
    }

    public void setReconnectMaxDelay(long reconnectMaxDelay) {
        this.reconnectMaxDelay = reconnectMaxDelay;
    }

    public double getReconnectJitter() {
        return reconnectJitter;
    }

    public void setReconnectJitter(double reconnectJitter) {
        this.reconnectJitter = reconnectJitter;
    }

    // ---- pan/tilt/zoom control: the options of the control arbiter, see org.camrelay.source.control ----

    @UriParam(label = "control", defaultValue = "none", enums = "none,webview,native",
              description = "Whether and how the relay steers the camera's pan, tilt and zoom for its users: none, or"
                            + " webview (WebView HTTP on httpPort) or native (the camera's native control port)."
                            + " With control, one user at a time controls the camera through the vbc10 producer or"
                            + " the REST API, the others wait in a queue.")
    private ControlMode control = ControlMode.NONE;
    @UriParam(label = "control", defaultValue = "30000", javaType = "java.time.Duration",
              description = "How long a user controls the camera at a time, in milliseconds, while others wait; each"
                            + " command renews it as long as nobody waits.")
    private long controlLease = 30000;
    @UriParam(label = "control", defaultValue = "10000", javaType = "java.time.Duration",
              description = "A user who sends no command for this long, in milliseconds, loses control.")
    private long controlIdleTimeout = 10000;

    private void validateControl() {
        require(control != null, "control must be none, webview or native");
        require(controlLease > 0, "controlLease must be positive, was " + controlLease);
        require(controlIdleTimeout > 0, "controlIdleTimeout must be positive, was " + controlIdleTimeout);
    }

    public ControlMode getControl() {
        return control;
    }

    public void setControl(ControlMode control) {
        this.control = control;
    }

    public long getControlLease() {
        return controlLease;
    }

    public void setControlLease(long controlLease) {
        this.controlLease = controlLease;
    }

    public long getControlIdleTimeout() {
        return controlIdleTimeout;
    }

    public void setControlIdleTimeout(long controlIdleTimeout) {
        this.controlIdleTimeout = controlIdleTimeout;
    }

    // ---- end of pan/tilt/zoom control ----

    @Override
    public String toString() {
        // credentials left out on purpose
        return "Vbc10Configuration[name=" + name + ", address=" + host + ":" + port() + ", transport=" + transport
               + "]";
    }
}
