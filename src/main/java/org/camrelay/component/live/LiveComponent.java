package org.camrelay.component.live;

import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code live:} component: routes publish frames into named live streams, which {@link LiveHttpHandler} serves
 * to any number of HTTP viewers. With {@code port} set, the component serves them itself on a Jetty server of its
 * own ({@link LiveHttpServer}), started and stopped with it; otherwise an application mounts a
 * {@link LiveHttpHandler} on its own HTTP server (camrelay's relay does, on the port of its pages and console).
 */
@Component("live")
public class LiveComponent extends DefaultComponent {

    private static final Logger LOG = LoggerFactory.getLogger(LiveComponent.class);

    @Metadata(defaultValue = "10000", description = "Milliseconds a viewer may take to accept one write before"
            + " it is disconnected as stalled.")
    private long viewerStallTimeout = 10_000;
    @Metadata(defaultValue = "0", description = "The TCP port on which the component serves its streams itself, on a"
            + " Jetty server of its own started and stopped with the component: /cams/{camera}/{stream}.mjpeg,"
            + " /cams/{camera}/{stream}.flv, /cams/{camera}/{stream}.jpg and /cams/{camera}/snapshot.jpg. 0 serves"
            + " nothing: mount an org.camrelay.component.live.LiveHttpHandler on an HTTP server of your own instead,"
            + " e.g. through camel-jetty's handlers option.")
    private int port;
    @Metadata(defaultValue = "0.0.0.0", description = "The address the component's own HTTP server listens on, when"
            + " port is set.")
    private String host = "0.0.0.0";
    @Metadata(label = "advanced", defaultValue = "1024", description = "Connections the listening socket of the"
            + " component's own HTTP server queues before they are accepted, so that every viewer can reconnect at"
            + " once after a restart; the kernel caps it at net.core.somaxconn.")
    private int acceptQueueSize = 1024;
    @Metadata(defaultValue = "10000", description = "Milliseconds a live stream keeps its viewers after the producer"
            + " that fed it stopped, as when its route is edited or restarted: a producer of the same stream that"
            + " starts within this time takes the stream over with its viewers, who go on at its first keyframe."
            + " After it the stream ends and its viewers are disconnected. 0 disconnects them at once.")
    private long streamGracePeriod = 10_000;

    private final StreamRegistry streams = new StreamRegistry();
    private ScheduledExecutorService watchdog;
    private LiveHttpServer server;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        String[] path = remaining.split("/", -1);
        if (path.length > 2 || !LiveEndpoint.isValidName(path[0])
                || (path.length == 2 && !LiveEndpoint.isValidName(path[1]))) {
            throw new IllegalArgumentException("live: expects live:camera or live:camera/stream, with names of"
                    + " letters, digits, '.', '_' or '-'; got '" + remaining + "'");
        }
        LiveEndpoint endpoint = new LiveEndpoint(uri, this);
        endpoint.setCamera(path[0]);
        if (path.length == 2) {
            endpoint.setStream(path[1]);
        }
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** The streams of this component, for the HTTP side to serve. */
    public StreamRegistry getStreams() {
        return streams;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // First, so that a port that cannot be opened leaves nothing running behind it.
        startServer();
        long timeout = viewerStallTimeout;
        long grace = streamGracePeriod;
        long period = Math.max(50, Math.min(1000, Math.min(timeout, grace > 0 ? grace : Long.MAX_VALUE) / 4));
        watchdog = getCamelContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "LiveViewerWatchdog");
        watchdog.scheduleWithFixedDelay(() -> {
            streams.closeStalledViewers(timeout);
            streams.endAbandoned(System.nanoTime());
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /** Opens the component's own HTTP server when {@code port} is set. */
    private void startServer() throws Exception {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (serve nothing) or a TCP port up to 65535, was " + port);
        }
        if (port == 0) {
            return;
        }
        if (acceptQueueSize <= 0) {
            throw new IllegalArgumentException("acceptQueueSize must be positive, was " + acceptQueueSize);
        }
        LiveHttpServer opened = new LiveHttpServer(streams, host, port, acceptQueueSize);
        try {
            opened.start();
        } catch (Exception e) {
            opened.stop();
            throw new IllegalStateException("live: cannot serve streams on " + host + ":" + port + ": " + e, e);
        }
        server = opened;
        LOG.info("Serving live streams at http://{}:{}/cams/{camera}/{stream}.mjpeg (.flv, snapshot.jpg)",
                host.contains(":") ? "[" + host + "]" : host, opened.localPort());
    }

    @Override
    protected void doStop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (watchdog != null) {
            getCamelContext().getExecutorServiceManager().shutdownNow(watchdog);
            watchdog = null;
        }
        super.doStop();
    }

    @Override
    protected void doShutdown() throws Exception {
        streams.close();
        super.doShutdown();
    }

    /** The port of the component's own HTTP server while it runs; -1 when it serves none. */
    public int getLocalPort() {
        LiveHttpServer running = server;
        return running == null ? -1 : running.localPort();
    }

    /** The component's own HTTP server while it runs, for tests. */
    LiveHttpServer server() {
        return server;
    }

    public long getViewerStallTimeout() {
        return viewerStallTimeout;
    }

    public void setViewerStallTimeout(long viewerStallTimeout) {
        this.viewerStallTimeout = viewerStallTimeout;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getAcceptQueueSize() {
        return acceptQueueSize;
    }

    public void setAcceptQueueSize(int acceptQueueSize) {
        this.acceptQueueSize = acceptQueueSize;
    }

    public long getStreamGracePeriod() {
        return streamGracePeriod;
    }

    public void setStreamGracePeriod(long streamGracePeriod) {
        streams.setGracePeriodMillis(streamGracePeriod);
        this.streamGracePeriod = streamGracePeriod;
    }
}
