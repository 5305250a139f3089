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
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated Canon VB-C10 network camera serving a moving test picture over the native video protocol
 * and the WebView HTTP interface, with {@linkplain #faults() faults} to switch on while it runs.
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
    private final NativeDialect nativeDialect;
    private final byte[] httpCredentials;
    private final SimulatorFaults faults = new SimulatorFaults();
    private final SimulatorStats stats = new SimulatorStats();
    private final FrameSource frames;

    // volatile, not guarded by this: a listener may read them while stop() waits for its thread
    private volatile int nativePort;
    private volatile int httpPort;
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
        nativeDialect = builder.nativeDialect;
        httpCredentials = builder.user == null ? null : WebViewHandler.basicCredentials(builder.user, builder.password);
        nativePort = builder.nativePort;
        httpPort = builder.httpPort;
        frames = new FrameSource(fps);
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
        try {
            nativePort = listen(SimulatorTransport.NATIVE, nativePort, (pipeline, writer) -> pipeline.addLast(
                    nativeDialect == NativeDialect.SIMPLE
                            ? new NativeCameraHandler(name, nativeProtocol, writer, size)
                            : new VideogramCameraHandler(name, writer, size)));
            httpPort = listen(SimulatorTransport.HTTP, httpPort, (pipeline, writer) -> pipeline.addLast(
                    new HttpServerCodec(),
                    new HttpObjectAggregator(MAX_REQUEST_BYTES),
                    new WebViewHandler(name, writer, frames, size, fps, httpCredentials)));
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        LOG.info("{}: camera simulator up, native port {}, HTTP port {}, {} fps, {}", name, nativePort, httpPort, fps, size);
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

    /** Good (unmangled) frames written since the simulator was built, on both transports. */
    public long framesSent() {
        return stats.goodFrames();
    }

    private int listen(SimulatorTransport transport, int port,
                       BiConsumer<ChannelPipeline, FrameWriter> handlers) {
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
                        long id = stats.connectionOpened(transport, channel);
                        FrameWriter writer = new FrameWriter(channel, transport, id, frames, faults, stats);
                        handlers.accept(channel.pipeline(), writer);
                    }
                })
                .bind(bindHost, port)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            throw new UncheckedIOException(name + ": cannot listen for " + transport + " on " + bindHost + ":" + port
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
        private NativeDialect nativeDialect = NativeDialect.VIDEOGRAM;

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

        /**
         * The picture size unless an HTTP request or, in the native videogram dialect, an image size videogram asks
         * for another, 320x240 by default.
         */
        public Builder size(int width, int height) {
            size = new FrameSize(width, height);
            return this;
        }

        /** Requires HTTP Basic authorization with these credentials; by default there is none. */
        public Builder credentials(String user, String password) {
            this.user = Objects.requireNonNull(user, "user");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The dialect of the native video port, {@link NativeDialect#VIDEOGRAM} by default. */
        public Builder nativeDialect(NativeDialect dialect) {
            nativeDialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /** What a native client sends first in the simple dialect, 0A 0A 0A 0A by default. */
        public Builder handshake(byte[] bytes) {
            nativeProtocol = nativeProtocol.withHandshake(bytes);
            return this;
        }

        /** What the camera answers a native handshake with in the simple dialect, "100\r\n" by default. */
        public Builder handshakeReply(byte[] bytes) {
            nativeProtocol = nativeProtocol.withHandshakeReply(bytes);
            return this;
        }

        /** What a native client sends for each frame in the simple dialect, 0A by default. */
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

        private static int checkPort(int port) {
            if (port < DISABLED || port > 0xFFFF) {
                throw new IllegalArgumentException("port must be between 0 and 65535, or -1 to disable, not " + port);
            }
            return port;
        }
    }
}
