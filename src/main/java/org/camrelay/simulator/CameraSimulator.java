package org.camrelay.simulator;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated Canon VB-C10 network camera serving a moving test picture over the native video protocol
 * and the WebView HTTP interface, with {@linkplain #faults() faults} to switch on while it runs.
 *
 * <p>The WebView interface follows Canon's specification of the compatible commands (chapter 4) for a VB-C10:
 * HTTP/1.0, errors as {@code Livescope-Status} codes, GetOneShot and GetLiveImage, sessions with GetNotice events,
 * the control queue and OperateCamera; see {@link WebViewCamera}. The camera {@linkplain #head() head} moves at
 * finite speeds within its control limits, is shared with the native control port (65311, see
 * {@link NativeControlHandler}), and the test hooks on it let a test act as another client of the camera.
 *
 * <p>While it runs, all connections share one small Netty event loop group owned by the simulator (daemon
 * threads), which also paces the HTTP streams; there is no thread per connection.
 * {@link SentFrameListener}s are called on those threads.
 *
 * <pre>{@code
 * try (CameraSimulator sim = CameraSimulator.builder().nativePort(0).httpPort(0).build()) {
 *     sim.start();
 *     connect to sim.nativePort() ...
 * }
 * }</pre>
 */
public final class CameraSimulator implements AutoCloseable {

    /** Port value that switches a transport off. */
    public static final int DISABLED = -1;

    private static final Logger LOG = LoggerFactory.getLogger(CameraSimulator.class);
    private static final int IO_THREADS = 2;
    private static final int MAX_REQUEST_BYTES = 16 * 1024;
    private static final long STOP_TIMEOUT_SECONDS = 5;

    private final String name;
    private final String bindHost;
    private final int fps;
    private final FrameSize size;
    private final NativeProtocol nativeProtocol;
    private final SimulatorFaults faults = new SimulatorFaults();
    private final SimulatorStats stats = new SimulatorStats();
    private final FrameSource frames;
    private final CameraHead head;
    private final WebViewCamera webView;
    private final Set<NativeControlHandler> controlConnections = NativeControlHandler.registry();

    // volatile, not guarded by this: a listener may read them while stop() waits for its thread
    private volatile int nativePort;
    private volatile int httpPort;
    private volatile int controlPort;
    // guarded by this
    private EventLoopGroup eventLoops;
    private ChannelGroup channels;
    private boolean closed;

    private CameraSimulator(Builder builder) {
        name = builder.name;
        bindHost = builder.bindHost;
        fps = builder.fps;
        size = builder.size;
        nativeProtocol = builder.nativeProtocol;
        nativePort = builder.nativePort;
        httpPort = builder.httpPort;
        controlPort = builder.controlPort();
        head = new CameraHead(name, System::nanoTime, builder.controlLimits, builder.headSpeeds,
                builder.controlTimeLimit.toNanos());
        frames = new FrameSource(fps, System::nanoTime, head::position);
        head.addListener(NativeControlHandler.restListener(controlConnections));
        webView = new WebViewCamera(builder.webViewSettings(), frames, head, System::nanoTime, () -> nativePort,
                () -> controlPort);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Listens on the configured ports, or on the ports of the previous start if they were ephemeral, so
     * that clients can reconnect after a {@link #stop()}.
     *
     * @throws UncheckedIOException  if a port cannot be bound, for example because it is in use
     * @throws IllegalStateException if running or closed
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException(name + ": closed");
        }
        if (eventLoops != null) {
            throw new IllegalStateException(name + ": already running");
        }
        eventLoops = new NioEventLoopGroup(IO_THREADS, new DefaultThreadFactory("camsim-" + name, true));
        // stayClosed: a connection accepted while stop() runs is closed as soon as it is added
        channels = new DefaultChannelGroup(name, eventLoops.next(), true);
        frames.restart();
        head.attach(eventLoops.next());
        webView.attach(eventLoops.next());
        try {
            nativePort = listen(SimulatorTransport.NATIVE, nativePort, (pipeline, writer) ->
                    pipeline.addLast(new NativeCameraHandler(name, nativeProtocol, writer, size)));
            httpPort = listen(SimulatorTransport.HTTP, httpPort, (pipeline, writer) -> pipeline.addLast(
                    new HttpServerCodec(),
                    new HttpObjectAggregator(MAX_REQUEST_BYTES),
                    new WebViewHandler(webView, writer)));
            controlPort = listenForControl(controlPort);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        LOG.info("{}: camera simulator up, native port {}, HTTP port {}, control port {}, {} fps, {}", name,
                nativePort, httpPort, controlPort, fps, size);
    }

    /**
     * Closes the listeners and every open connection and ends the I/O threads; {@link #start()} may follow.
     * Must not be called from a {@link SentFrameListener}, which runs on those threads.
     */
    public synchronized void stop() {
        if (eventLoops == null) {
            return;
        }
        channels.close().awaitUninterruptibly(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        webView.detach();
        head.detach();
        // NIO releases a closed listening socket only when its selector next runs or closes, so the ports
        // are free for the next start() only once the event loops have ended
        eventLoops.shutdownGracefully(0, STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS).awaitUninterruptibly();
        eventLoops = null;
        channels = null;
        LOG.info("{}: camera simulator stopped", name);
    }

    /** Stops and releases the picture buffers; the simulator cannot start again. */
    @Override
    public synchronized void close() {
        stop();
        closed = true;
        frames.close();
    }

    /** The native video port: bound once started, as configured before, {@link #DISABLED} if off. */
    public int nativePort() {
        return nativePort;
    }

    /** The WebView HTTP port: bound once started, as configured before, {@link #DISABLED} if off. */
    public int httpPort() {
        return httpPort;
    }

    /** The native control port: bound once started, as configured before, {@link #DISABLED} if off. */
    public int controlPort() {
        return controlPort;
    }

    /**
     * The camera head: its position and limits, and the hooks a test uses to act as another client of the camera
     * (take or occupy control, disable it, move the head).
     */
    public CameraHead head() {
        return head;
    }

    String bindHost() {
        return bindHost;
    }

    /** The faults to inject; changes apply at once, on both transports. */
    public SimulatorFaults faults() {
        return faults;
    }

    /** Adds a listener for every frame written from now on, see {@link SentFrameListener} for its threads. */
    public void addFrameListener(SentFrameListener listener) {
        stats.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /** Connections accepted on the transport since the simulator was built. */
    public long acceptedConnections(SimulatorTransport transport) {
        return stats.accepted(transport);
    }

    /** Connections currently open on the transport. */
    public int openConnections(SimulatorTransport transport) {
        return stats.open(transport);
    }

    /** Connections accepted on the native control port since the simulator was built. */
    public long acceptedControlConnections() {
        return stats.controlAccepted();
    }

    /** Connections currently open on the native control port. */
    public int openControlConnections() {
        return stats.controlOpen();
    }

    /** Good (unmangled) frames written since the simulator was built, on both transports. */
    public long framesSent() {
        return stats.goodFrames();
    }

    private int listen(SimulatorTransport transport, int port,
                       BiConsumer<ChannelPipeline, FrameWriter> handlers) {
        return bind(transport.toString(), port, channel -> {
            long id = stats.connectionOpened(transport, channel);
            FrameWriter writer = new FrameWriter(channel, transport, id, frames, faults, stats);
            handlers.accept(channel.pipeline(), writer);
        });
    }

    private int listenForControl(int port) {
        return bind("native control", port, channel -> channel.pipeline().addLast(
                new NativeControlHandler(name, stats.controlConnectionOpened(channel), head, controlConnections)));
    }

    /** Listens on {@code port}; {@code initializer} sets up each connection on its I/O thread. */
    private int bind(String what, int port, Consumer<Channel> initializer) {
        if (port == DISABLED) {
            return DISABLED;
        }
        ChannelGroup connections = channels; // the field is guarded by this, the initializer runs on I/O threads
        ChannelFuture bound = new ServerBootstrap()
                .group(eventLoops)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        connections.add(channel);
                        initializer.accept(channel);
                    }
                })
                .bind(bindHost, port)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            throw new UncheckedIOException(name + ": cannot listen for " + what + " on " + bindHost + ":" + port
                    + ": " + Objects.requireNonNullElse(cause.getMessage(), cause.getClass().getSimpleName()),
                    cause instanceof IOException io ? io : new IOException(cause));
        }
        channels.add(bound.channel());
        return ((InetSocketAddress) bound.channel().localAddress()).getPort();
    }

    /** Settings of a {@link CameraSimulator}; every one has a default. */
    public static final class Builder {

        private String name = "sim";
        private String bindHost = "127.0.0.1";
        private int nativePort = 65310;
        private int httpPort = 65380;
        private int fps = 6;
        private FrameSize size = new FrameSize(320, 240);
        private String user;
        private String password;
        private NativeProtocol nativeProtocol = NativeProtocol.VB_C10;
        private Integer controlPort;
        private HeadLimits controlLimits = HeadLimits.VB_C10;
        private CameraHead.Speeds headSpeeds = CameraHead.Speeds.VB_C10;
        private Duration controlTimeLimit = Duration.ofSeconds(20);
        private Duration connectionTimeLimit = Duration.ZERO;
        private Duration sessionIdleTimeout = Duration.ofSeconds(30);
        private int maxClients = 50;
        private String boundary = "LivescopeImage";
        private String adminUser;
        private String adminPassword;
        private Boolean allowGuests;
        private final Set<String> guestRestricted = new TreeSet<>();

        private Builder() {
        }

        /** The address to listen on, 127.0.0.1 by default. */
        public Builder bindHost(String host) {
            bindHost = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The native video port, 65310 by default; 0 for an ephemeral port, {@link #DISABLED} for none. */
        public Builder nativePort(int port) {
            nativePort = checkPort(port);
            return this;
        }

        /** The WebView HTTP port, 65380 by default; 0 for an ephemeral port, {@link #DISABLED} for none. */
        public Builder httpPort(int port) {
            httpPort = checkPort(port);
            return this;
        }

        /** The picture rate, 6 by default: the render tick and the highest rate an HTTP stream gets. */
        public Builder fps(int framesPerSecond) {
            if (framesPerSecond < 1 || framesPerSecond > 60) {
                throw new IllegalArgumentException("fps must be between 1 and 60, not " + framesPerSecond);
            }
            fps = framesPerSecond;
            return this;
        }

        /** The picture size unless an HTTP request asks for another, 320x240 by default. */
        public Builder size(int width, int height) {
            size = new FrameSize(width, height);
            return this;
        }

        /**
         * The ordinary (registered, unprivileged) user of the WebView interface; by default there is none. With
         * these credentials set, every request must carry them or the administrator's as HTTP Basic authorization
         * (HTTP 401 otherwise) unless {@link #allowGuests(boolean)} says otherwise.
         */
        public Builder credentials(String user, String password) {
            this.user = Objects.requireNonNull(user, "user");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * The administrator of the WebView interface, a privileged user [spec appendix I]: may open privileged
         * sessions (priority 5 to 50, without the maximum connection time or control time limit), and its
         * GetOneShot streams are never cut. By default there is none. Alone, it lets guests in
         * ({@link #allowGuests(boolean)}); a request with wrong credentials gets HTTP 401.
         */
        public Builder adminCredentials(String user, String password) {
            adminUser = Objects.requireNonNull(user, "user");
            adminPassword = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Whether WebView requests without authorization are served, as a general user; by default only when no
         * ordinary user is configured with {@link #credentials}. A refused guest gets HTTP 401.
         */
        public Builder allowGuests(boolean allow) {
            allowGuests = allow;
            return this;
        }

        /**
         * WebView commands guests may not use, such as {@code GetOneShot}: they get
         * {@code Livescope-Status: 507 Insufficient Privilege}, as from a camera whose access control requires
         * registered users for video or control. Names are not case-sensitive; none by default.
         */
        public Builder restrictForGuests(String... commands) {
            for (String command : commands) {
                String lower = command.toLowerCase(Locale.ROOT);
                if (!WebViewCamera.known(lower)) {
                    throw new IllegalArgumentException("not a WebView command of the simulator: " + command);
                }
                guestRestricted.add(lower);
            }
            return this;
        }

        /**
         * The native control port; 0 for an ephemeral port, {@link #DISABLED} for none. By default it follows the
         * native video port as on the camera: 65311 beside the default 65310, the next port beside another fixed
         * one, ephemeral beside an ephemeral one and off when that is off, so that tests with ephemeral ports never
         * bind a fixed one.
         */
        public Builder controlPort(int port) {
            controlPort = checkPort(port);
            return this;
        }

        private int controlPort() {
            if (controlPort != null) {
                return controlPort;
            }
            if (nativePort == DISABLED || nativePort == 0) {
                return nativePort;
            }
            return nativePort < 0xFFFF ? nativePort + 1 : 0;
        }

        /**
         * The control limits clients must keep within, the VB-C10's mechanical ends {@link HeadLimits#VB_C10} by
         * default; {@link CameraHead#setLimits} changes them while running.
         */
        public Builder controlLimits(HeadLimits limits) {
            if (!HeadLimits.VB_C10.encloses(Objects.requireNonNull(limits, "limits"))) {
                throw new IllegalArgumentException("control limits must lie within " + HeadLimits.VB_C10);
            }
            controlLimits = limits;
            return this;
        }

        /**
         * The head's top speeds in hundredths of a degree per second (for zoom: of the view angle): 9000, 7000
         * and 2225 by default, about a VB-C10's pan 90 and tilt 70 degrees per second and its whole zoom range in
         * 2 seconds [guess].
         */
        public Builder headSpeeds(int pan, int tilt, int zoom) {
            headSpeeds = new CameraHead.Speeds(pan, tilt, zoom);
            return this;
        }

        /**
         * How long a general client (priority 0) may hold camera control before the camera takes it away (event
         * 32) and gives it to the next waiter: 20 seconds by default [guess: the camera's setting], zero for no
         * limit. Privileged clients have none.
         */
        public Builder controlTimeLimit(Duration limit) {
            controlTimeLimit = notNegative(limit, "control time limit");
            return this;
        }

        /**
         * The camera's maximum connection time: general sessions end after it, and a GetOneShot stream of a user
         * who is not the administrator is cut after it (ended cleanly with the closing boundary). Zero, the default,
         * for no limit.
         */
        public Builder connectionTimeLimit(Duration limit) {
            connectionTimeLimit = notNegative(limit, "connection time limit");
            return this;
        }

        /**
         * How long a WebView session may make no request before the camera drops it; a GetNotice waiting counts as
         * activity. 30 seconds by default [guess: the specification says only that such sessions are dropped].
         */
        public Builder sessionIdleTimeout(Duration timeout) {
            if (notNegative(timeout, "session idle timeout").isZero()) {
                throw new IllegalArgumentException("session idle timeout must be positive");
            }
            sessionIdleTimeout = timeout;
            return this;
        }

        /** The most WebView sessions at a time; OpenCameraServer beyond gets 503 Too many clients. 50 by default [guess]. */
        public Builder maxClients(int clients) {
            if (clients < 1) {
                throw new IllegalArgumentException("maxClients must be positive, not " + clients);
            }
            maxClients = clients;
            return this;
        }

        /**
         * The boundary between the parts of a GetOneShot stream: {@code LivescopeImage} by default, as up to the
         * VB-C300; {@code boundary} as on the VB-C60 and later [spec 4.2.1].
         */
        public Builder multipartBoundary(String boundary) {
            if (Objects.requireNonNull(boundary, "boundary").isEmpty() || boundary.length() > 70
                    || !boundary.chars().allMatch(c -> c > ' ' && c < 0x7F)) {
                throw new IllegalArgumentException("a boundary is 1 to 70 printable characters, not '" + boundary + "'");
            }
            this.boundary = boundary;
            return this;
        }

        /** What a native client sends first, 0A 0A 0A 0A by default. */
        public Builder handshake(byte[] bytes) {
            nativeProtocol = nativeProtocol.withHandshake(bytes);
            return this;
        }

        /** What the camera answers a native handshake with, "100\r\n" by default. */
        public Builder handshakeReply(byte[] bytes) {
            nativeProtocol = nativeProtocol.withHandshakeReply(bytes);
            return this;
        }

        /** What a native client sends for each frame, 0A by default. */
        public Builder frameRequest(byte[] bytes) {
            nativeProtocol = nativeProtocol.withFrameRequest(bytes);
            return this;
        }

        /** The name in logs and thread names, "sim" by default. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        public CameraSimulator build() {
            return new CameraSimulator(this);
        }

        WebViewSettings webViewSettings() {
            boolean guests = allowGuests != null ? allowGuests : user == null;
            return new WebViewSettings(name, size, fps, boundary, connectionTimeLimit.toNanos(),
                    sessionIdleTimeout.toNanos(), maxClients,
                    user == null ? null : WebViewCamera.basicToken(user, password),
                    adminUser == null ? null : WebViewCamera.basicToken(adminUser, adminPassword), guests,
                    Set.copyOf(guestRestricted));
        }

        private static Duration notNegative(Duration duration, String what) {
            if (Objects.requireNonNull(duration, what).isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative: " + duration);
            }
            return duration;
        }

        private static int checkPort(int port) {
            if (port < DISABLED || port > 0xFFFF) {
                throw new IllegalArgumentException("port must be between 0 and 65535, or -1 to disable, not " + port);
            }
            return port;
        }
    }
}
