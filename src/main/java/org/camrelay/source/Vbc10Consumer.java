package org.camrelay.source;

import java.util.Locale;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one connection to the camera for as long as the consumer runs, and routes each frame as one exchange.
 * <p>
 * All connection state lives on one event loop of the component's group, so it needs no locks. Every disconnect,
 * error or stall leads to a reconnect with exponential backoff; the outage is logged once at WARN when it begins and
 * once at INFO when frames flow again, the failed attempts in between at DEBUG.
 */
public class Vbc10Consumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(Vbc10Consumer.class);
    /**
     * Frames routed but not finished beyond which new frames are dropped: a slow asynchronous route must not
     * make live video queue up, neither here nor, by pausing reads, in the socket buffers.
     */
    private static final int MAX_IN_FLIGHT = 8;
    private static final long STOP_TIMEOUT_SECONDS = 5;

    private final Vbc10Configuration configuration;
    private final CameraStatistics statistics;
    private final ReconnectBackoff backoff;
    private final AtomicInteger inFlight = new AtomicInteger();

    // set by doStart, before anything runs on the event loop
    private EventLoop eventLoop;
    private Bootstrap bootstrap;
    // confined to the event loop, as is the backoff
    private boolean running;
    private Channel channel;
    private boolean streaming;
    private Future<?> reconnect;
    private long connectAttempts;
    private long sequence;
    private boolean down;
    private long downSince;
    private int attemptsWhileDown;

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
    protected void doStart() throws Exception {
        super.doStart();
        eventLoop = getEndpoint().getComponent().getEventLoopGroup().next();
        bootstrap = new Bootstrap()
                .group(eventLoop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) configuration.getConnectTimeout())
                .option(ChannelOption.TCP_NODELAY, true)
                .remoteAddress(configuration.getHost(), configuration.port())
                .handler(new CameraChannelInitializer(this, configuration, statistics));
        eventLoop.execute(() -> {
            running = true;
            down = false;
            connectAttempts = 0;
            backoff.reset();
            connect();
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
                eventLoop.submit(this::shutDownConnection).awaitUninterruptibly(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        }
        statistics.setConnected(false);
        super.doStop();
    }

    /** No more reconnects, and the connection closes now. */
    private void shutDownConnection() {
        running = false;
        if (reconnect != null) {
            reconnect.cancel(false);
        }
        if (channel != null) {
            channel.close();
        }
    }

    private void connect() {
        reconnect = null;
        if (!running) {
            return;
        }
        if (connectAttempts++ > 0) {
            statistics.reconnectAttempted();
        }
        if (down) {
            attemptsWhileDown++;
        }
        streaming = false;
        ChannelFuture connecting = bootstrap.connect();
        channel = connecting.channel();
        connecting.addListener((ChannelFuture connected) -> {
            Channel opened = connected.channel();
            if (connected.isSuccess()) {
                LOG.debug("Camera '{}' ({}): connected", configuration.getName(), configuration.address());
                opened.closeFuture().addListener(closed -> disconnected(opened,
                        CameraConnectionHandler.closeReason(opened)));
            } else {
                disconnected(opened, ConnectionFailures.describe(connected.cause()));
            }
        });
    }

    private void disconnected(Channel closed, String reason) {
        if (closed != channel) {
            return;
        }
        channel = null;
        statistics.setConnected(false);
        if (!running) {
            return;
        }
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
        reconnect = eventLoop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** Routes one frame; called on the event loop by the last handler of the pipeline, which releases the frame. */
    void deliver(JpegFrame frame, long receivedAt, long receivedNanos) {
        if (!streaming) {
            streaming = true;
            statistics.setConnected(true);
            if (down) {
                down = false;
                double seconds = (System.nanoTime() - downSince) / 1e9;
                LOG.info("Camera '{}' is back after {} s, {} attempt{}", configuration.getName(),
                        String.format(Locale.ROOT, "%.1f", seconds), attemptsWhileDown, attemptsWhileDown == 1 ? "" : "s");
            } else {
                LOG.info("Camera '{}' ({}) is streaming over {}", configuration.getName(), configuration.address(),
                        getEndpoint().getServiceProtocol());
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
}
