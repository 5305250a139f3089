package org.camrelay.component.vbc10;

import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.support.DefaultConsumer;
import org.camrelay.component.vbc10.webview.WebViewClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one connection to the camera for as long as the consumer runs, and routes each frame as one exchange.
 * <p>
 * All connection state lives on one event loop of the component's group, so it needs no locks. Every disconnect,
 * error or stall leads to a reconnect with exponential backoff; the outage is logged once at WARN when it begins and
 * once at INFO when frames flow again, the failed attempts in between at DEBUG.
 * <p>
 * A WebView camera ends a stream (or drops a session) at its maximum connection time [spec 4.2.1]. When a connection
 * that delivered frames ends cleanly, it is renewed at once: no backoff, no outage, no reconnect counted, only a
 * renewal ({@link CameraStatistics#getStreamRenewals()}), logged at INFO at most once an hour. A camera that ends its
 * streams before the first frame, or more than {@code maxRenewalsPerMinute} times a minute, fails as any other.
 * <p>
 * Its health check ({@link Vbc10ConsumerHealthCheck}) is DOWN while the camera is: in Camel's consumers health-check
 * repository, when there is one, as {@code consumer:ROUTE_ID}.
 */
@ManagedResource(description = "Pulls one camera's frames into its route")
public class Vbc10Consumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(Vbc10Consumer.class);
    /**
     * Frames routed but not finished beyond which new frames are dropped: a slow asynchronous route must not
     * make live video queue up, neither here nor, by pausing reads, in the socket buffers.
     */
    private static final int MAX_IN_FLIGHT = 8;
    private static final long STOP_TIMEOUT_SECONDS = 5;
    /** The window of maxRenewalsPerMinute. */
    private static final long RENEWAL_WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Routine renewals are logged at INFO at most this often per camera, at DEBUG otherwise. */
    private static final long RENEWAL_LOG_INTERVAL_NANOS = TimeUnit.HOURS.toNanos(1);

    private final Vbc10Configuration configuration;
    private final CameraStatistics statistics;
    private final ReconnectBackoff backoff;
    private final AtomicInteger inFlight = new AtomicInteger();

    // set by doStart, before anything runs on the event loop
    private EventLoop eventLoop;
    private Bootstrap bootstrap;
    private WebViewClient webView;
    // confined to the event loop, as is the backoff
    private boolean running;
    /** The open connection: a {@link Channel}, a {@link LiveImageSession}, or null between connections. */
    private Object connection;
    private boolean streaming;
    private Future<?> reconnect;
    private long connectAttempts;
    private long sequence;
    private boolean down;
    private long downSince;
    private int attemptsWhileDown;
    private long connectionStarted;
    private long connectionFrames;
    /** When the renewals of the last minute happened, oldest first. */
    private final ArrayDeque<Long> renewals = new ArrayDeque<>();
    private long renewalLoggedAt;
    private boolean renewalLogged;

    public Vbc10Consumer(Vbc10Endpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.configuration = endpoint.getConfiguration();
        this.statistics = endpoint.getStatistics();
        this.backoff = new ReconnectBackoff(configuration.getReconnectDelay(), configuration.getReconnectMaxDelay(),
                configuration.getReconnectJitter());
    }

    @Override
    public Vbc10Endpoint getEndpoint() {
        return (Vbc10Endpoint) super.getEndpoint();
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        // health checks are optional: only when the context has Camel's consumers repository (camel-health)
        HealthCheckRepository consumers = HealthCheckHelper.getHealthCheckRepository(getEndpoint().getCamelContext(),
                "consumers", HealthCheckRepository.class);
        if (consumers != null) {
            Vbc10ConsumerHealthCheck check = new Vbc10ConsumerHealthCheck(this, getRouteId());
            check.setEnabled(getEndpoint().getComponent().isHealthCheckConsumerEnabled());
            setHealthCheck(check);
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        statistics.consumerStarted(System.currentTimeMillis());
        eventLoop = getEndpoint().getComponent().getEventLoopGroup().next();
        bootstrap = new Bootstrap()
                .group(eventLoop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) configuration.getConnectTimeout())
                .option(ChannelOption.TCP_NODELAY, true)
                .remoteAddress(configuration.getHost(), configuration.port())
                .handler(new CameraChannelInitializer(this, configuration, statistics));
        if (configuration.liveImage()) {
            // the camera's own event loop: every command's connection and answer stay on it
            webView = new WebViewClient(eventLoop, configuration.getName(), configuration.getHost(),
                    configuration.getHttpPort(), configuration.getUsername(), configuration.getPassword(),
                    (int) configuration.getConnectTimeout(), configuration.getMaxFrameSize());
        }
        eventLoop.execute(() -> {
            running = true;
            down = false;
            streaming = false;
            connectAttempts = 0;
            backoff.reset();
            renewals.clear();
            connect(false);
        });
        getEndpoint().getComponent().startControl(getEndpoint()); // pan/tilt/zoom, while the consumer runs
    }

    @Override
    protected void doStop() throws Exception {
        getEndpoint().getComponent().stopControl(getEndpoint());
        if (eventLoop != null) {
            if (eventLoop.inEventLoop()) {
                shutDownConnection();
            } else if (!eventLoop.isShuttingDown()) {
                CompletableFuture<?> closed = new CompletableFuture<>();
                eventLoop.execute(() -> shutDownConnection().whenComplete((done, failure) -> closed.complete(null)));
                try {
                    closed.get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    LOG.debug("Camera '{}': the connection did not close within {} s", configuration.getName(),
                            STOP_TIMEOUT_SECONDS);
                }
            }
        }
        statistics.consumerStopped();
        super.doStop();
    }

    /** The camera's name. */
    @ManagedAttribute(description = "The camera's name")
    public String getCamera() {
        return configuration.getName();
    }

    /** Frames handed to the route whose exchange has not completed yet. */
    @ManagedAttribute(description = "Frames routed whose exchange has not completed yet; at " + MAX_IN_FLIGHT
                                    + " new frames are dropped (route busy)")
    public int getFramesInFlight() {
        return inFlight.get();
    }

    /**
     * No more reconnects, and the connection closes now; completes once it has, or once a GetLiveImage session's
     * CloseCameraServer is answered.
     */
    private CompletableFuture<?> shutDownConnection() {
        running = false;
        if (reconnect != null) {
            reconnect.cancel(false);
        }
        Object open = connection;
        connection = null;
        if (open instanceof Channel channel) {
            CompletableFuture<Void> closed = new CompletableFuture<>();
            channel.close().addListener(done -> closed.complete(null));
            return closed;
        }
        if (open instanceof LiveImageSession session) {
            return session.close();
        }
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Opens a connection (a stream, or a GetLiveImage session).
     *
     * @param renewal whether it renews one the camera ended routinely: not a reconnect, and no outage
     */
    private void connect(boolean renewal) {
        reconnect = null;
        if (!running) {
            return;
        }
        if (!renewal) {
            if (connectAttempts++ > 0) {
                statistics.reconnectAttempted();
            }
            if (down) {
                attemptsWhileDown++;
            }
        }
        connectionStarted = System.nanoTime();
        connectionFrames = 0;
        if (configuration.liveImage()) {
            LiveImageSession session = new LiveImageSession(this, webView, configuration, statistics, eventLoop);
            connection = session; // before it starts: it may end at once
            session.start();
            return;
        }
        ChannelFuture connecting = bootstrap.connect();
        Channel channel = connecting.channel();
        connection = channel;
        connecting.addListener((ChannelFuture connected) -> {
            if (connected.isSuccess()) {
                LOG.debug("Camera '{}' ({}): connected", configuration.getName(), configuration.address());
            } else {
                ended(channel, ConnectionFailures.describe(connected.cause()), false);
            }
        });
    }

    /**
     * A connection's channel has closed, and its pipeline has handled the last bytes; on the event loop.
     *
     * @param clean whether the camera ended the stream as it meant to, rather than by a failure
     */
    void connectionClosed(Channel channel, String reason, boolean clean) {
        ended(channel, reason, clean);
    }

    /** A GetLiveImage session has ended; on the event loop. */
    void sessionEnded(LiveImageSession session, String reason, boolean clean) {
        ended(session, reason, clean);
    }

    private void ended(Object closed, String reason, boolean clean) {
        if (closed != connection) {
            return;
        }
        connection = null;
        if (!running) {
            statistics.setConnected(false);
            return;
        }
        if (clean) {
            String excess = renewalExcess();
            if (excess == null) {
                renew(reason);
                return;
            }
            reason = reason + excess;
        }
        failed(reason);
    }

    /**
     * Why a clean end is not routine, as words to add to its reason; null if it is routine, in which case it is
     * counted towards maxRenewalsPerMinute.
     */
    private String renewalExcess() {
        if (connectionFrames == 0) {
            return " before its first frame";
        }
        long now = System.nanoTime();
        while (!renewals.isEmpty() && now - renewals.peekFirst() >= RENEWAL_WINDOW_NANOS) {
            renewals.pollFirst();
        }
        if (renewals.size() >= configuration.getMaxRenewalsPerMinute()) {
            return String.format(Locale.ROOT, " after %.1f s, the %d%s time within a minute (maxRenewalsPerMinute is %d)",
                    seconds(now - connectionStarted), renewals.size() + 1, ordinal(renewals.size() + 1),
                    configuration.getMaxRenewalsPerMinute());
        }
        renewals.addLast(now);
        return null;
    }

    /** Renews a connection that the camera ended routinely, at once. */
    private void renew(String reason) {
        statistics.streamRenewed();
        long now = System.nanoTime();
        String what = configuration.liveImage() ? "session" : "stream";
        if (!renewalLogged || now - renewalLoggedAt >= RENEWAL_LOG_INTERVAL_NANOS) {
            renewalLogged = true;
            renewalLoggedAt = now;
            LOG.info("Camera '{}': {} after {} s and {} frames, as a camera does at its maximum connection time;"
                     + " {} renewed at once (renewal {}; this line comes at most once an hour, the others are logged"
                     + " at DEBUG)", configuration.getName(), reason,
                    String.format(Locale.ROOT, "%.1f", seconds(now - connectionStarted)), connectionFrames, what,
                    statistics.getStreamRenewals());
        } else {
            LOG.debug("Camera '{}': {} after {} s and {} frames; {} renewed at once", configuration.getName(), reason,
                    String.format(Locale.ROOT, "%.1f", seconds(now - connectionStarted)), connectionFrames, what);
        }
        connect(true);
    }

    private void failed(String reason) {
        statistics.setConnected(false);
        statistics.setProblem(reason);
        streaming = false;
        long delay = backoff.nextDelay();
        if (!down) {
            down = true;
            downSince = System.nanoTime();
            attemptsWhileDown = 0;
            LOG.warn("Camera '{}' ({}) is down: {}; reconnecting with backoff", configuration.getName(),
                    configuration.address(), reason);
        } else {
            LOG.debug("Camera '{}' ({}) is still down: {}; next attempt in {} ms", configuration.getName(),
                    configuration.address(), reason, delay);
        }
        reconnect = eventLoop.schedule(() -> connect(false), delay, TimeUnit.MILLISECONDS);
    }

    /** Routes one frame; called on the event loop by the last handler of the pipeline, which releases the frame. */
    void deliver(JpegFrame frame, long receivedAt, long receivedNanos) {
        connectionFrames++;
        if (!streaming) {
            streaming = true;
            statistics.setConnected(true);
            statistics.setProblem(null);
            if (down) {
                down = false;
                double seconds = (System.nanoTime() - downSince) / 1e9;
                LOG.info("Camera '{}' is back after {} s, {} attempt{}", configuration.getName(),
                        String.format(Locale.ROOT, "%.1f", seconds), attemptsWhileDown, attemptsWhileDown == 1 ? "" : "s");
            } else {
                LOG.info("Camera '{}' ({}) is streaming over {}", configuration.getName(), configuration.address(),
                        configuration.liveImage() ? "http (GetLiveImage)" : getEndpoint().getServiceProtocol());
            }
        }
        backoff.reset();
        statistics.frameReceived(receivedAt);
        // Only this event loop increments, so checking first cannot overshoot.
        if (inFlight.get() >= MAX_IN_FLIGHT) {
            statistics.frameDropped();
            return;
        }
        inFlight.incrementAndGet();

        Exchange exchange = createExchange(false);
        Message message = exchange.getIn();
        message.setBody(ByteBufUtil.getBytes(frame.content()));
        message.setHeader(Vbc10Constants.CAMERA, configuration.getName());
        message.setHeader(Vbc10Constants.SEQUENCE, ++sequence);
        message.setHeader(Vbc10Constants.RECEIVED_AT, receivedAt);
        message.setHeader(Vbc10Constants.RECEIVED_NANOS, receivedNanos);
        message.setHeader(Vbc10Constants.WIDTH, frame.width());
        message.setHeader(Vbc10Constants.HEIGHT, frame.height());
        getAsyncProcessor().process(exchange, doneSync -> {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Error processing a frame of camera '"
                                                      + configuration.getName() + "'", exchange,
                        exchange.getException());
            }
            releaseExchange(exchange, false);
            inFlight.decrementAndGet();
        });
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String ordinal(int n) {
        if (n % 100 >= 11 && n % 100 <= 13) {
            return "th";
        }
        return switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }
}
