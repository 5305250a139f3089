package org.camrelay.simulator;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.MessageDigest;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.camrelay.simulator.WebViewRequest.Param;

/**
 * The WebView commands of a simulated VB-C10 [spec chapter 4], over the state every connection shares: the
 * sessions, the camera head and its control slot, the pictures. Commands and parameter names are not
 * case-sensitive and unknown parameters are ignored; an unknown command is {@code 401 Unknown Operator}. Commands
 * the specification gives a VB-C10 but this simulator leaves out (SetPTZSpeed, GetPTZSpeedInfo, SelectCamera,
 * Exposure, presets, panoramas, external I/O, GetStillImage) are unknown operators too.
 *
 * <p>Where a move ends is event 41 for the session whose OperateCamera moved the head and 42 for the others; after
 * OperateCameraEx and OperateCameraOnScreen it is 42 for every session, the mover included, as the specification
 * says for those commands.
 *
 * <p>Choices where the specification is silent, all [guess]: OpenCameraServer takes {@code priority} like the
 * Priority command (the specification reserves it for the VB-C60 and later); GetNotice waits 30 seconds unless
 * {@code timeout} says otherwise, at most 300; event 31 says {@code time_limit=0} when there is no time limit;
 * OperateCamera's zoom speed counts hundredths of a degree of view angle per second; OperateCameraEx answers with
 * the short parameter name, as the specification's example ({@code z=tele}) does, refuses the operations a VB-C10
 * lacks (focus, shutter, RB gain) with 403, and takes {@code brightness} as back-light compensation (above 288 is
 * on); OperateCameraOnScreen keeps the target within the control limits instead of refusing it.
 */
final class WebViewCamera {

    static final String REALM = "VB-C10 simulator";
    static final String PROTOCOL_VERSION = "01.05";

    private static final long DEFAULT_NOTICE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final double MAX_NOTICE_TIMEOUT_SECONDS = 300;
    private static final int MAX_PRIORITY = 50;
    private static final int BACK_LIGHT_BRIGHTNESS = 288;
    private static final DateTimeFormatter CAMERA_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

    private final WebViewSettings settings;
    private final FrameSource frames;
    private final CameraHead head;
    private final WebViewSessions sessions;
    private final IntSupplier nativePort;
    private final IntSupplier controlPort;
    private final String startTime = CAMERA_DATE.format(ZonedDateTime.now());
    private volatile ScheduledExecutorService scheduler;

    WebViewCamera(WebViewSettings settings, FrameSource frames, CameraHead head, LongSupplier clock,
                  IntSupplier nativePort, IntSupplier controlPort) {
        this.settings = settings;
        this.frames = frames;
        this.head = head;
        this.nativePort = nativePort;
        this.controlPort = controlPort;
        sessions = new WebViewSessions(settings.name(), clock, settings.maxClients(), settings.idleNanos(),
                settings.connectionLimitNanos(), head.control());
        head.addListener(sessions);
    }

    /** The token {@link #authenticate} expects for a user and password. */
    static byte[] basicToken(String user, String password) {
        return Base64.getEncoder().encode((user + ":" + password).getBytes(UTF_8));
    }

    String name() {
        return settings.name();
    }

    void attach(ScheduledExecutorService executor) {
        scheduler = executor;
        sessions.attach(executor);
    }

    void detach() {
        scheduler = null;
        sessions.detach();
    }

    /**
     * Who sent a request, from its {@code Authorization} header: null if it must be refused with HTTP 401 (wrong
     * credentials, or none where guests are not allowed). A camera without accounts ignores the header.
     */
    UserLevel authenticate(String authorization) {
        if (settings.userToken() == null && settings.adminToken() == null) {
            return UserLevel.GUEST;
        }
        if (authorization == null) {
            return settings.allowGuests() ? UserLevel.GUEST : null;
        }
        String scheme = "Basic ";
        if (!authorization.regionMatches(true, 0, scheme, 0, scheme.length())) {
            return null;
        }
        byte[] token = authorization.substring(scheme.length()).trim().getBytes(US_ASCII);
        if (settings.adminToken() != null && MessageDigest.isEqual(token, settings.adminToken())) {
            return UserLevel.ADMIN;
        }
        if (settings.userToken() != null && MessageDigest.isEqual(token, settings.userToken())) {
            return UserLevel.USER;
        }
        return null;
    }

    /** Answers one request, now or (GetNotice, streams) later. */
    void handle(WebViewExchange exchange) {
        String command = exchange.request().command();
        try {
            if (!known(command)) {
                throw new WebViewException(LivescopeStatus.UNKNOWN_OPERATOR, command);
            }
            if (exchange.user() == UserLevel.GUEST && settings.guestRestricted().contains(command)) {
                throw new WebViewException(LivescopeStatus.INSUFFICIENT_PRIVILEGE, "registered users only");
            }
            dispatch(command, exchange);
        } catch (WebViewException e) {
            exchange.error(e.status(), e.getMessage());
        }
    }

    /** The commands this simulator knows, in lower case. */
    static boolean known(String command) {
        return switch (command) {
            case "opencameraserver", "closecameraserver", "priority", "getcameracontrol", "releasecameracontrol",
                 "getoneshot", "getliveimage", "getprotocolversion", "getcameraserverinfo", "getsysteminfo",
                 "getvideoinfo", "getcamerainfo", "getnotice", "operatecamera", "operatecameraex",
                 "operatecameraonscreen" -> true;
            default -> false;
        };
    }

    private void dispatch(String command, WebViewExchange exchange) {
        WebViewRequest request = exchange.request();
        switch (command) {
            case "opencameraserver" -> openCameraServer(exchange);
            case "closecameraserver" -> {
                sessions.end(session(request), "CloseCameraServer");
                exchange.text("OK.");
            }
            case "priority" -> priority(exchange);
            case "getcameracontrol" -> {
                WebViewSession session = session(request);
                exchange.text("OK."); // always at once: the outcome comes as an event [spec 4.1.4]
                head.control().request(session);
            }
            case "releasecameracontrol" -> {
                WebViewSession session = session(request);
                if (!head.control().release(session)) {
                    throw new WebViewException(LivescopeStatus.NO_CAMERA_CONTROL_RIGHT, "neither in control nor waiting");
                }
                exchange.text("OK.");
            }
            case "getoneshot" -> oneShot(exchange);
            case "getliveimage" -> liveImage(exchange);
            case "getprotocolversion" -> exchange.text(PROTOCOL_VERSION);
            case "getcameraserverinfo" -> exchange.text(cameraServerInfo(exchange.channel().localAddress()));
            case "getsysteminfo" -> exchange.text(systemInfo(request));
            case "getvideoinfo" -> exchange.text(videoInfo(request));
            case "getcamerainfo" -> exchange.text(cameraInfo(request));
            case "getnotice" -> notice(exchange);
            case "operatecamera" -> operateCamera(exchange);
            case "operatecameraex" -> operateCameraEx(exchange);
            case "operatecameraonscreen" -> operateCameraOnScreen(exchange);
            default -> throw new WebViewException(LivescopeStatus.UNKNOWN_OPERATOR, command);
        }
    }

    private void openCameraServer(WebViewExchange exchange) {
        WebViewRequest request = exchange.request();
        String size = request.value("image_size", "v");
        FrameSize frameSize = size == null ? settings.defaultSize() : ImageRequest.size(size);
        boolean video = !"null_host".equalsIgnoreCase(request.value("vc_host"));
        String priority = request.value("priority");
        int level = priority == null ? 0 : checkPriority(priority, exchange.user());
        WebViewSession session = sessions.open(exchange.user(), video, level, frameSize);
        if (session == null) {
            throw new WebViewException(LivescopeStatus.TOO_MANY_CLIENTS, settings.maxClients() + " client(s)");
        }
        exchange.text("connection_id=" + session.id());
    }

    private void priority(WebViewExchange exchange) {
        WebViewSession session = session(exchange.request());
        String value = exchange.request().value("priority", "p");
        if (value != null) {
            session.priority(checkPriority(value, exchange.user()));
            sessions.priorityChanged(session);
        }
        exchange.text("priority=" + session.priority());
    }

    /** 0 for anyone, 5 to 50 for the administrator; 1 to 4 is an error on a VB-C10 [spec 4.1.3]. */
    private static int checkPriority(String value, UserLevel user) {
        int priority;
        try {
            priority = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw WebViewException.invalid("priority", value);
        }
        if (priority < 0 || priority > MAX_PRIORITY || priority > 0 && !ControlClient.privileged(priority)) {
            throw WebViewException.invalid("priority", value);
        }
        if (ControlClient.privileged(priority) && !user.privileged()) {
            throw new WebViewException(LivescopeStatus.INSUFFICIENT_PRIVILEGE, "priority=" + value);
        }
        return priority;
    }

    private void oneShot(WebViewExchange exchange) {
        ImageRequest images = ImageRequest.parse(exchange.request(), settings.defaultSize(), settings.fps());
        if (images.frameCount() == 1) {
            exchange.image(images.size(), null);
            return;
        }
        // privileged users, known by their Authorization, have no time limit [spec 4.2.1]
        long limit = exchange.user().privileged() ? 0 : settings.connectionLimitNanos();
        long end = limit > 0 ? frames.nanoTime() + limit : MjpegStream.NEVER;
        exchange.stream(frames, images.size(), images.periodNanos(), images.frameCount(), settings.boundary(), end);
    }

    private void liveImage(WebViewExchange exchange) {
        WebViewSession session = session(exchange.request());
        if (!session.video()) {
            throw new WebViewException(LivescopeStatus.INVALID_REQUEST, "a session without video");
        }
        exchange.image(session.size(), session::nextFrameSerial);
    }

    private void notice(WebViewExchange exchange) {
        WebViewRequest request = exchange.request();
        String id = request.value("connection_id");
        if (id == null) {
            throw WebViewException.missing("connection_id");
        }
        WebViewSession session = sessions.any(id);
        if (session == null) {
            throw new WebViewException(LivescopeStatus.UNKNOWN_CONNECTION_ID, "connection_id=" + id);
        }
        long timeout = DEFAULT_NOTICE_TIMEOUT_NANOS;
        String timeoutText = request.value("timeout");
        if (timeoutText != null) {
            double seconds;
            try {
                seconds = Double.parseDouble(timeoutText);
            } catch (NumberFormatException e) {
                throw WebViewException.invalid("timeout", timeoutText);
            }
            if (!(seconds >= 0)) {
                throw WebViewException.invalid("timeout", timeoutText);
            }
            timeout = (long) (Math.min(seconds, MAX_NOTICE_TIMEOUT_SECONDS) * 1e9);
        }
        Set<Integer> filter = new HashSet<>();
        for (String name : request.all("notice")) {
            if (name.equals("all")) {
                filter = null;
                break;
            }
            Set<Integer> numbers = Notice.category(name);
            if (numbers == null) {
                throw WebViewException.invalid("notice", name);
            }
            filter.addAll(numbers);
        }
        ScheduledExecutorService timer = scheduler;
        if (timer == null) {
            throw new WebViewException(LivescopeStatus.UNKNOWN_CONNECTION_ID, "connection_id=" + id);
        }
        session.awaitNotice(exchange, filter == null || filter.isEmpty() ? null : filter, timeout, timer);
    }

    private void operateCamera(WebViewExchange exchange) {
        WebViewRequest request = exchange.request();
        WebViewSession session = session(request);
        checkCamera(request);
        requireControl(session);
        Param panParam = request.last("pan", "p");
        Param tiltParam = request.last("tilt", "t");
        Param zoomParam = request.last("zoom", "z");
        String light = request.value("back_light", "b");
        CameraHead.AxisMove pan = panParam == null ? null : angle(panParam, panParam.name().equals("p"));
        CameraHead.AxisMove tilt = tiltParam == null ? null : angle(tiltParam, tiltParam.name().equals("t"));
        CameraHead.AxisMove zoom = zoomParam == null ? null
                : zoomParam.name().equals("z") ? magnification(zoomParam) : angle(zoomParam, false);
        Boolean backLight = light == null ? null : onOff("back_light", light);
        if (pan == null && tilt == null && zoom == null && backLight == null) {
            exchange.text("OK."); // nothing to operate, nothing to tell
            return;
        }
        String outside = head.move(session, pan, tilt, zoom, backLight);
        if (outside != null) {
            Param refused = outside.equals("pan") ? panParam : outside.equals("tilt") ? tiltParam : zoomParam;
            throw new WebViewException(LivescopeStatus.INVALID_PARAMETER_VALUE,
                    refused.name() + "=" + refused.value() + " is outside the control limits");
        }
        exchange.text("OK.");
    }

    private void operateCameraEx(WebViewExchange exchange) {
        WebViewRequest request = exchange.request();
        WebViewSession session = session(request);
        checkCamera(request);
        String[][] operations = {{"pan_tilt", "p"}, {"zoom", "z"}, {"focus", "f"}, {"mode", "m"},
                {"shutter_speed", "s"}, {"white_balance", "w"}, {"rb_gain", "r"}, {"brightness", "b"},
                {"exposure", "e"}};
        String[] operation = null;
        String value = null;
        for (String[] names : operations) {
            value = request.value(names);
            if (value != null) {
                operation = names;
                break;
            }
        }
        if (operation == null) {
            throw WebViewException.missing("pan_tilt");
        }
        requireControl(session);
        // where the head stops is event 42 for every session, the mover included [spec 4.5.5]
        String lower = value.toLowerCase(Locale.ROOT);
        CameraHead.Speeds full = head.maxSpeeds();
        switch (operation[0]) {
            case "pan_tilt" -> {
                int[] direction = panTiltDirection(lower);
                if (direction == null) {
                    throw WebViewException.invalid(operation[0], value);
                }
                head.moveContinuously(null, direction[0], direction[1], null, full);
            }
            case "zoom" -> {
                Integer direction = switch (lower) {
                    case "tele" -> -1;
                    case "wide" -> 1;
                    case "stop" -> 0;
                    default -> null;
                };
                if (direction == null) {
                    throw WebViewException.invalid(operation[0], value);
                }
                head.moveContinuously(null, null, null, direction, full);
            }
            case "brightness" -> {
                int brightness;
                try {
                    brightness = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw WebViewException.invalid(operation[0], value);
                }
                if (brightness < 0 || brightness > 1023) {
                    throw WebViewException.invalid(operation[0], value);
                }
                head.move(null, null, null, null, brightness > BACK_LIGHT_BRIGHTNESS);
            }
            case "white_balance", "exposure" -> {
                if (!lower.equals("auto") && !lower.equals("lock")) {
                    throw WebViewException.invalid(operation[0], value);
                }
            }
            default -> throw WebViewException.invalid(operation[0], value);
        }
        exchange.text("camera_id=1", operation[1] + "=" + value);
    }

    private void operateCameraOnScreen(WebViewExchange exchange) {
        WebViewRequest request = exchange.request();
        WebViewSession session = session(request);
        Param panParam = request.last("pan", "p");
        Param tiltParam = request.last("tilt", "t");
        if (panParam == null && tiltParam == null) {
            throw WebViewException.missing("pan");
        }
        requireControl(session);
        double x = panParam == null ? 0 : screen(panParam, panParam.name().equals("p"));
        double y = tiltParam == null ? 0 : screen(tiltParam, tiltParam.name().equals("t"));
        HeadPosition now = head.position();
        HeadLimits limits = head.limits();
        // the spot (x, y) of the picture, -1..1 each way, comes to its centre: half the view angle per unit
        int pan = clamp(now.pan() + (int) Math.round(x * now.zoom() / 2), limits.panLeft(), limits.panRight());
        int tilt = clamp(now.tilt() + (int) Math.round(y * now.zoom() * 3 / 8), limits.tiltDown(), limits.tiltUp());
        // event 42 for everyone, including the client that pointed [spec 4.5.6]
        head.move(null, new CameraHead.AxisMove(pan, false, 0), new CameraHead.AxisMove(tilt, false, 0), null, null);
        exchange.text("OK.");
    }

    private List<String> cameraServerInfo(SocketAddress local) {
        String host = local instanceof InetSocketAddress address ? address.getAddress().getHostAddress() : "127.0.0.1";
        List<String> lines = new ArrayList<>();
        lines.add("date_and_time=" + CAMERA_DATE.format(ZonedDateTime.now()));
        lines.add("vc_host=" + host);
        if (nativePort.getAsInt() != CameraSimulator.DISABLED) {
            lines.add("vc_port=" + nativePort.getAsInt());
        }
        lines.add("cc_host=" + host);
        if (controlPort.getAsInt() != CameraSimulator.DISABLED) {
            lines.add("cc_port=" + controlPort.getAsInt());
        }
        lines.add("number_of_available_cameras=1");
        lines.add("video_sources=1");
        return lines;
    }

    private List<String> systemInfo(WebViewRequest request) {
        List<String> items = request.all("item");
        boolean all = items.isEmpty();
        for (String item : items) {
            if (!Set.of("version", "settings", "current_status").contains(item)) {
                throw WebViewException.invalid("item", item);
            }
        }
        List<String> lines = new ArrayList<>();
        if (all || items.contains("version")) {
            lines.add("version=VB-C10 Ver. 1.0");
        }
        if (all || items.contains("settings")) {
            lines.add("applet_downloading=ON");
            lines.add("download_root=/");
            lines.add("applet_location=/-wvdoc-01-/");
            lines.add("client_session_mode=local_server_only");
            lines.add("connection_time_limit=" + TimeUnit.NANOSECONDS.toSeconds(settings.connectionLimitNanos()));
        }
        if (all || items.contains("current_status")) {
            int holderPriority = head.control().holderPriority();
            int controlClients = (holderPriority < 0 ? 0 : 1) + head.control().waiters();
            lines.add("number_of_active_clients=" + sessions.live());
            lines.add("number_of_active_camera_servers=1");
            lines.add("total_number_of_clients=" + sessions.total());
            lines.add("camera_control_schedule=" + controlClients + "/" + Math.max(0, holderPriority));
            lines.add("start_time=" + startTime);
            lines.add("wvhttp_server_status=All services are available");
        }
        return lines;
    }

    private List<String> videoInfo(WebViewRequest request) {
        String id = request.value("connection_id");
        FrameSize size = settings.defaultSize();
        if (id != null) {
            WebViewSession session = sessions.live(id);
            if (session == null) {
                throw new WebViewException(LivescopeStatus.UNKNOWN_CONNECTION_ID, "connection_id=" + id);
            }
            session.touch();
            size = session.size();
        }
        return select(request, List.of(
                "image_width=" + size.width(),
                "image_height=" + size.height(),
                "compression_type=JPEG",
                "image_quality=" + FrameRenderer.QUALITY_PERCENT,
                "video_input=0",
                "frame_rate=" + Math.min(settings.fps(), ImageRequest.MAX_FPS)));
    }

    private List<String> cameraInfo(WebViewRequest request) {
        checkCamera(request);
        HeadPosition position = head.position();
        HeadLimits ends = head.ends();
        HeadLimits limits = head.limits();
        // what can be seen at all: the control limits widened by half the widest view [guess]
        int halfWide = limits.zoomWide() / 2;
        int halfWideHigh = limits.zoomWide() * 3 / 8;
        return select(request, List.of(
                "camera_type=Canon VB-C10",
                "camera_id=1",
                "camera_status=enabled",
                "pan_current_value=" + position.pan(),
                "tilt_current_value=" + position.tilt(),
                "zoom_current_value=" + position.zoom(),
                "back_light=" + (position.backLight() ? "ON" : "OFF"),
                "pan_left_end=" + ends.panLeft(),
                "pan_right_end=" + ends.panRight(),
                "tilt_up_end=" + ends.tiltUp(),
                "tilt_down_end=" + ends.tiltDown(),
                "zoom_tele_end=" + ends.zoomTele(),
                "zoom_wide_end=" + ends.zoomWide(),
                "pan_left_limit=" + limits.panLeft(),
                "pan_right_limit=" + limits.panRight(),
                "tilt_up_limit=" + limits.tiltUp(),
                "tilt_down_limit=" + limits.tiltDown(),
                "zoom_tele_limit=" + limits.zoomTele(),
                "zoom_wide_limit=" + limits.zoomWide(),
                "view_left_boundary=" + (limits.panLeft() - halfWide),
                "view_right_boundary=" + (limits.panRight() + halfWide),
                "view_up_boundary=" + (limits.tiltUp() + halfWideHigh),
                "view_down_boundary=" + (limits.tiltDown() - halfWideHigh),
                "view_tele_boundary=" + limits.zoomTele(),
                "view_wide_boundary=" + limits.zoomWide(),
                "focus_mode=auto"));
    }

    /** The lines whose names the {@code item} parameters list; all of them without items or with {@code all}. */
    private static List<String> select(WebViewRequest request, List<String> lines) {
        List<String> items = request.all("item");
        if (items.isEmpty() || items.contains("all")) {
            return lines;
        }
        List<String> selected = new ArrayList<>();
        for (String line : lines) {
            if (items.contains(line.substring(0, line.indexOf('=')))) {
                selected.add(line);
            }
        }
        return selected;
    }

    /** The live session a request names: 406 without {@code connection_id}, 501 if unknown. Counts as activity. */
    private WebViewSession session(WebViewRequest request) {
        String id = request.value("connection_id");
        if (id == null) {
            throw WebViewException.missing("connection_id");
        }
        WebViewSession session = sessions.live(id);
        if (session == null) {
            throw new WebViewException(LivescopeStatus.UNKNOWN_CONNECTION_ID, "connection_id=" + id);
        }
        session.touch();
        return session;
    }

    private void requireControl(WebViewSession session) {
        if (!head.control().holds(session)) {
            throw new WebViewException(LivescopeStatus.NO_CAMERA_CONTROL_RIGHT, "GetCameraControl first");
        }
    }

    /** A VB-C10 has one camera: {@code camera_id} 0 or 1, else 302. */
    private static void checkCamera(WebViewRequest request) {
        String id = request.value("camera_id");
        if (id != null && !id.equals("0") && !id.equals("1")) {
            throw new WebViewException(LivescopeStatus.CAMERA_NOT_AVAILABLE, "camera_id=" + id);
        }
    }

    /**
     * {@code [d]position[@speed]}: hundredths of a degree (and per second), or whole degrees for {@code p} and
     * {@code t}; a leading {@code d} makes the position relative.
     */
    private static CameraHead.AxisMove angle(Param param, boolean degrees) {
        String text = param.value();
        int at = text.indexOf('@');
        String position = at < 0 ? text : text.substring(0, at);
        boolean relative = position.startsWith("d") || position.startsWith("D");
        if (relative) {
            position = position.substring(1);
        }
        double scale = degrees ? 100 : 1;
        long value = Math.round(number(param, position) * scale);
        int speed = 0;
        if (at >= 0) {
            double perSecond = number(param, text.substring(at + 1)) * scale;
            if (!(perSecond >= 1)) {
                throw WebViewException.invalid(param.name(), text);
            }
            speed = (int) Math.min(Integer.MAX_VALUE, Math.round(perSecond));
        }
        if (Math.abs(value) > 1_000_000) {
            throw WebViewException.invalid(param.name(), text);
        }
        return new CameraHead.AxisMove((int) value, relative, speed);
    }

    /** {@code z=magnification[@speed]}: the view angle that magnifies the widest this much; never relative. */
    private CameraHead.AxisMove magnification(Param param) {
        String text = param.value();
        int at = text.indexOf('@');
        String position = at < 0 ? text : text.substring(0, at);
        double factor = number(param, position);
        if (!(factor >= 1)) {
            throw WebViewException.invalid(param.name(), text);
        }
        double halfWide = Math.toRadians(head.ends().zoomWide() / 200.0);
        int angle = (int) Math.round(Math.toDegrees(2 * Math.atan(Math.tan(halfWide) / factor)) * 100);
        int speed = 0;
        if (at >= 0) {
            double perSecond = number(param, text.substring(at + 1));
            if (!(perSecond >= 1)) {
                throw WebViewException.invalid(param.name(), text);
            }
            speed = (int) Math.min(Integer.MAX_VALUE, Math.round(perSecond));
        }
        return new CameraHead.AxisMove(angle, false, speed);
    }

    /** A spot of the picture for OperateCameraOnScreen: -1..1, in hundredths for {@code pan} and {@code tilt}. */
    private static double screen(Param param, boolean units) {
        double value = number(param, param.value()) / (units ? 1 : 100);
        if (value < -1 || value > 1) {
            throw WebViewException.invalid(param.name(), param.value());
        }
        return value;
    }

    private static double number(Param param, String text) {
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw WebViewException.invalid(param.name(), param.value());
    }

    private static boolean onOff(String name, String value) {
        if (value.equalsIgnoreCase("on")) {
            return true;
        }
        if (value.equalsIgnoreCase("off")) {
            return false;
        }
        throw WebViewException.invalid(name, value);
    }

    /** OperateCameraEx's pan_tilt values as {pan, tilt} directions. */
    private static int[] panTiltDirection(String value) {
        return switch (value) {
            case "stop" -> new int[] {0, 0};
            case "up" -> new int[] {0, 1};
            case "down" -> new int[] {0, -1};
            case "left" -> new int[] {-1, 0};
            case "right" -> new int[] {1, 0};
            case "up_left" -> new int[] {-1, 1};
            case "up_right" -> new int[] {1, 1};
            case "down_left" -> new int[] {-1, -1};
            case "down_right" -> new int[] {1, -1};
            default -> null;
        };
    }

    private static int clamp(int value, int low, int high) {
        return Math.max(low, Math.min(high, value));
    }
}
