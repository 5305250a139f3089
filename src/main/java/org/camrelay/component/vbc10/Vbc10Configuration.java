package org.camrelay.component.vbc10;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;
import org.camrelay.frame.ImageSize;
import org.camrelay.component.vbc10.control.CameraControlClients;
import org.camrelay.component.vbc10.control.ControlProtocol;

/** The options of a vbc10 endpoint. The component holds defaults; each endpoint works on its own copy. */
@UriParams
public class Vbc10Configuration implements Cloneable {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** "SUPER r" and the credential bytes that the ROS driver canon_vbc50i sends. */
    private static final String NATIVE_LOGIN = "5355504552207210100b45293d523c4a4f16";
    /**
     * The WebView stream. {@code frame_rate} is in frames per 1,000 seconds [spec 4.2.1]. {@code frame_count=0} asks
     * for an endless stream; the specification allows {@code 0} or {@code no_limit}, and {@code 0} is the form it gives
     * first, a plain number that the oldest firmware's parameter parsing takes as surely as any other count.
     */
    private static final String WEBVIEW_PATH = "/-wvhttp-01-/GetOneShot?image_size=%s&frame_rate=%d&frame_count=0";

    @UriPath(description = "The camera's name: letters, digits, '.', '_' or '-'. It names the camera in the"
                           + " headers and in every log line.")
    @Metadata(required = true)
    private String name;
    @UriParam(description = "The camera's host name or IP address.")
    @Metadata(required = true)
    private String host;
    @UriParam(defaultValue = "native", enums = "native,http",
              description = "How frames are fetched: native is the VB-C10/VB-C50 video protocol on videoPort; http is"
                            + " HTTP on httpPort, WebView video (see httpVideo) or any MJPEG camera's httpPath.")
    private Vbc10Transport transport = Vbc10Transport.NATIVE;
    @UriParam(label = "native", defaultValue = "65310", description = "The TCP port of the native video protocol.")
    private int videoPort = 65310;
    @UriParam(label = "http", defaultValue = "80", description = "The TCP port of the HTTP server.")
    private int httpPort = 80;
    @UriParam(label = "http",
              description = "The path and query of the MJPEG stream, sent as is, e.g. /video.mjpg, or /video.cgi with"
                            + " the query resolution=640x480&fps=6 (in an endpoint URI, write it as RAW(...) so that"
                            + " its '&' stays in it; the camera template does). When empty, the"
                            + " WebView stream: /-wvhttp-01-/GetOneShot with image_size={imageSize}, frame_rate"
                            + " {fps} times 1000 (the specification counts frames per 1,000 seconds) and"
                            + " frame_count=0 (endless).")
    private String httpPath;
    @UriParam(defaultValue = "320x240",
              description = "The image size to ask the camera for, WIDTHxHEIGHT; it applies to both transports: the"
                            + " image_size of GetOneShot or OpenCameraServer on WebView, and the image size videogram"
                            + " (type 0x88) of the native videogram dialect. The camera picks the nearest size it has.")
    private String imageSize = "320x240";
    @UriParam(defaultValue = "6",
              description = "Frames per second to ask for: the pace of frame requests on the native protocol and of"
                            + " GetLiveImage requests, the frame_rate of the WebView stream (sent as frames per 1,000"
                            + " seconds, at least 1).")
    private double fps = 6;
    @UriParam(label = "native,advanced", defaultValue = "0A0A0A0A",
              description = "The bytes sent after connecting on the native protocol in the simple dialect, in hex.")
    private String handshake = "0A0A0A0A";
    @UriParam(label = "native,advanced", defaultValue = "0A",
              description = "The bytes that request one frame on the native protocol in the simple dialect, in hex.")
    private String frameRequest = "0A";
    // native video dialects: the VB-C50i videogram dialect and the older simple one
    @UriParam(label = "native", defaultValue = "videogram", enums = "videogram,simple",
              description = "The dialect of the native video protocol. videogram (the VB-C50i protocol as"
                            + " reverse-engineered by the ROS driver canon_vbc50i): the lines VERSION, the login"
                            + " (nativeLogin), SET Mode Administrator, GET MUXCONF and START, each reply awaited up to"
                            + " its NUL byte for at most half of stallTimeout, then the image size videogram and one"
                            + " frame request videogram (type 0x85) per frame, each answered by one type 0x02"
                            + " videogram holding a JPEG. simple: the bytes of handshake, the camera's short reply,"
                            + " then the bytes of frameRequest once per frame, answered by raw JPEG.")
    private Vbc10NativeDialect nativeDialect = Vbc10NativeDialect.VIDEOGRAM;
    @UriParam(label = "native,security,advanced", defaultValue = NATIVE_LOGIN, secret = true,
              description = "The login line of the videogram dialect, in hex, without the 0x0A that ends it. The"
                            + " default is the line the ROS driver canon_vbc50i sends to a VB-C50i: SUPER r followed"
                            + " by obfuscated credential bytes. (guess) How real credentials are encoded is not"
                            + " public, so a camera with other credentials needs its own line, captured from a"
                            + " working client.")
    private String nativeLogin = NATIVE_LOGIN;
    @UriParam(label = "security", secret = true, description = "The user name for HTTP Basic authentication. Give it"
            + " as a property placeholder rather than in the route, e.g. {{camera.username}} or {{env:CAMERA_USER}}.")
    private String username;
    @UriParam(label = "security", secret = true, description = "The password for HTTP Basic authentication. Give it"
            + " as a property placeholder rather than in the route, e.g. RAW({{camera.password}}),"
            + " RAW({{env:CAMERA_PASSWORD}}) or a vault function; RAW(...) keeps characters such as '&', '+' or '%'"
            + " as they are. Masked in logged and managed endpoint URIs.")
    private String password;
    @UriParam(label = "security", description = "The name of the credentials to use instead of username and"
            + " password, a shortcut for username={{PREFIX.NAME.username}} and password={{PREFIX.NAME.password}}"
            + " with the component's credentialsPrefix (default camrelay.credentials): the properties"
            + " camrelay.credentials.NAME.username and camrelay.credentials.NAME.password, else the environment"
            + " variables CAMRELAY_CREDENTIALS_NAME_USERNAME and CAMRELAY_CREDENTIALS_NAME_PASSWORD. Only the name"
            + " appears in the endpoint URI.")
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

    // http transport: how WebView video is fetched, and the renewal of streams the camera ends
    @UriParam(label = "http", defaultValue = "oneShot", enums = "oneShot,liveImage",
              description = "How the http transport gets WebView video when httpPath is empty: oneShot is one endless"
                            + " GetOneShot stream; liveImage opens a session (OpenCameraServer) and asks GetLiveImage"
                            + " for one picture at a time, paced at fps, for cameras that restrict GetOneShot.")
    private HttpVideo httpVideo = HttpVideo.ONE_SHOT;
    @UriParam(label = "http,advanced", defaultValue = "10",
              description = "How many times a minute the camera may end a stream (or drop a GetLiveImage session)"
                            + " that delivered frames and have it renewed at once, as the routine end of its maximum"
                            + " connection time; one more within the same minute, or an end before the first frame,"
                            + " counts as a failure and reconnects with backoff.")
    private int maxRenewalsPerMinute = 10;
    // ---- Camera control (pan/tilt/zoom, org.camrelay.component.vbc10.control): its options, checks and accessors ----

    @UriParam(label = "control", defaultValue = "auto", enums = "auto,webview,native,none",
              description = "How the relay steers the camera's pan, tilt and zoom: webview is Canon's WebView HTTP"
                            + " on httpPort (with username and password); native is the control port controlPort;"
                            + " none switches control off. auto picks webview for the http transport without an"
                            + " httpPath, native for the native transport, and none when httpPath is set (a generic"
                            + " MJPEG camera has no Canon control).")
    private ControlProtocol control = ControlProtocol.AUTO;
    @UriParam(label = "control", defaultValue = "30",
              description = "Seconds a WebView GetNotice long poll waits for a camera event before it is asked"
                            + " again.")
    private int noticeTimeout = 30;
    @UriParam(label = "control", defaultValue = "0",
              description = "The WebView session priority to ask for (Priority command): 0 is a general session;"
                            + " 5 to 50 a privileged one, which needs credentials the camera lets control with"
                            + " privilege; a privileged session can take control from an equal or lower holder.")
    private int controlPriority;
    @UriParam(label = "control,native", defaultValue = "65311",
              description = "The TCP port of the native control protocol.")
    private int controlPort = 65311;
    @UriParam(label = "control,native,advanced",
              description = "Datagrams sent first on the native control port, before taking control, in hex, separated"
                            + " by commas, each one whole (16 bytes plus 4 per extra word announced in bytes 0-1)."
                            + " Which login a VB-C10 needs is not published [guess]; none by default.")
    private String controlLogin;
    @UriParam(label = "control,native", defaultValue = "-170,170,-90,10,3,47.5",
              description = "The range the native control port may steer within, as panLeft,panRight,tiltDown,"
                            + "tiltUp,zoomTele,zoomWide in degrees (zoom is the horizontal angle of view); the"
                            + " native port reports no limits. A VB-C10's by default. WebView reads the camera's own"
                            + " control limits.")
    private String controlLimits = "-170,170,-90,10,3,47.5";

    /** Checks the camera control options; part of {@link #validate()}. */
    private void validateControl() {
        require(control != null, "control must be auto, webview, native or none");
        require(noticeTimeout > 0 && noticeTimeout <= 3600,
                "noticeTimeout must be 1 to 3600 seconds, was " + noticeTimeout);
        require(controlPriority == 0 || controlPriority >= 5 && controlPriority <= 50,
                "controlPriority must be 0 (general) or 5 to 50 (privileged), was " + controlPriority);
        requirePort("controlPort", controlPort);
        CameraControlClients.checkLogin(controlLogin);
        CameraControlClients.parseLimits(controlLimits);
        require(controlLease > 0, "controlLease must be positive, was " + controlLease);
        require(controlIdleTimeout > 0, "controlIdleTimeout must be positive, was " + controlIdleTimeout);
    }

    public ControlProtocol getControl() {
        return control;
    }

    public void setControl(ControlProtocol control) {
        this.control = control;
    }

    public int getNoticeTimeout() {
        return noticeTimeout;
    }

    public void setNoticeTimeout(int noticeTimeout) {
        this.noticeTimeout = noticeTimeout;
    }

    public int getControlPriority() {
        return controlPriority;
    }

    public void setControlPriority(int controlPriority) {
        this.controlPriority = controlPriority;
    }

    public int getControlPort() {
        return controlPort;
    }

    public void setControlPort(int controlPort) {
        this.controlPort = controlPort;
    }

    public String getControlLogin() {
        return controlLogin;
    }

    public void setControlLogin(String controlLogin) {
        this.controlLogin = controlLogin;
    }

    public String getControlLimits() {
        return controlLimits;
    }

    public void setControlLimits(String controlLimits) {
        this.controlLimits = controlLimits;
    }

    // ---- end of camera control ----

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
        require(httpVideo != null, "httpVideo must be oneShot or liveImage");
        require(!liveImage() || httpPath == null || httpPath.isEmpty(),
                "httpVideo=liveImage asks a WebView camera for single pictures: leave httpPath empty, was '"
                + pathWithoutQuery() + "'");
        require(maxRenewalsPerMinute >= 0, "maxRenewalsPerMinute must not be negative, was " + maxRenewalsPerMinute);
        ImageSize.parse("imageSize", imageSize);
        require(fps > 0 && Double.isFinite(fps), "fps must be a positive number, was " + fps);
        require(hex("handshake", handshake).length > 0, "handshake must not be empty");
        require(hex("frameRequest", frameRequest).length > 0, "frameRequest must not be empty");
        validateNativeDialect();
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
        validateControl();
        if (usesFps()) {
            long frameInterval = Math.round(1000 / fps);
            require(stallTimeout > frameInterval, "stallTimeout (" + stallTimeout + " ms) must be longer than the"
                                                  + " frame interval (" + frameInterval + " ms at fps " + fps + ")");
        }
        validateControl();
    }

    private void validateNativeDialect() {
        require(nativeDialect != null, "nativeDialect must be videogram or simple");
        byte[] login = nativeLoginBytes();
        require(login.length > 0, "nativeLogin must not be empty");
        for (byte b : login) {
            require(b != 0x0A && b != 0x00, "nativeLogin must not hold the byte 0A (it ends the line) or 00");
        }
        if (transport == Vbc10Transport.NATIVE && nativeDialect == Vbc10NativeDialect.VIDEOGRAM) {
            ImageSize size = imageSizeValue();
            require(size.width() <= Videogram.MAX_DIMENSION && size.height() <= Videogram.MAX_DIMENSION,
                    "imageSize must be at most 65535x65535 for the videogram dialect, was " + imageSize);
        }
    }

    /** The login line; the message of a format error leaves the value out, for it holds credentials. */
    byte[] nativeLoginBytes() {
        try {
            return HexFormat.of().parseHex(nativeLogin == null ? "" : nativeLogin);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("nativeLogin must be hex digits, two per byte");
        }
    }

    /** How long the videogram dialect waits for each reply of its start sequence: half of stallTimeout. */
    long nativeReplyTimeout() {
        return Math.max(1, stallTimeout / 2);
    }

    ImageSize imageSizeValue() {
        return ImageSize.parse("imageSize", imageSize);
    }

    /** host:port that the transport connects to; safe to log. */
    String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port();
    }

    /** The Host header of HTTP requests: the host, with the port unless it is 80. */
    String hostHeader() {
        String bracketed = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return httpPort == 80 ? bracketed : bracketed + ":" + httpPort;
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
        if (!webView()) {
            return httpPath;
        }
        return String.format(Locale.ROOT, WEBVIEW_PATH, imageSize, webViewFrameRate());
    }

    /**
     * fps in the unit of WebView's {@code frame_rate}, frames per 1,000 seconds [spec 4.2.1]: 6 fps is 6000; rounded to
     * the nearest integer, at least 1 (0 is no valid rate).
     */
    long webViewFrameRate() {
        return Math.max(1, Math.round(fps * 1000));
    }

    /** Whether the HTTP transport speaks WebView commands (no httpPath of a generic MJPEG camera). */
    boolean webView() {
        return httpPath == null || httpPath.isEmpty();
    }

    /** Whether frames come from WebView GetLiveImage requests rather than a stream. */
    boolean liveImage() {
        return transport == Vbc10Transport.HTTP && httpVideo == HttpVideo.LIVE_IMAGE;
    }

    /** The request path without its query, which may carry credentials on some cameras: safe to log. */
    String pathWithoutQuery() {
        String path = requestPath();
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /** Whether the camera is asked for fps frames per second, so that frames come at least that often. */
    private boolean usesFps() {
        return transport == Vbc10Transport.NATIVE || webView();
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

    public Vbc10NativeDialect getNativeDialect() {
        return nativeDialect;
    }

    public void setNativeDialect(Vbc10NativeDialect nativeDialect) {
        this.nativeDialect = nativeDialect;
    }

    public String getNativeLogin() {
        return nativeLogin;
    }

    public void setNativeLogin(String nativeLogin) {
        this.nativeLogin = nativeLogin;
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

    public HttpVideo getHttpVideo() {
        return httpVideo;
    }

    public void setHttpVideo(HttpVideo httpVideo) {
        this.httpVideo = httpVideo;
    }

    public int getMaxRenewalsPerMinute() {
        return maxRenewalsPerMinute;
    }

    public void setMaxRenewalsPerMinute(int maxRenewalsPerMinute) {
        this.maxRenewalsPerMinute = maxRenewalsPerMinute;
    }

    // ---- pan/tilt/zoom control: the options of the control arbiter (sharing among users), see org.camrelay.component.vbc10.control ----

    @UriParam(label = "control", defaultValue = "30000", javaType = "java.time.Duration",
              description = "How long a user controls the camera at a time, in milliseconds, while others wait; each"
                            + " command renews it as long as nobody waits.")
    private long controlLease = 30000;
    @UriParam(label = "control", defaultValue = "10000", javaType = "java.time.Duration",
              description = "A user who sends no command for this long, in milliseconds, loses control.")
    private long controlIdleTimeout = 10000;

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
