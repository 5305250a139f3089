package org.camrelay.component.live;

import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code live:} component: routes publish frames into named live streams, which
 * {@link LiveHttpHandler} serves to any number of HTTP viewers.
 */
@Component("live")
public class LiveComponent extends DefaultComponent {

    @Metadata(defaultValue = "10000", description = "Milliseconds a viewer may take to accept one write before"
            + " it is disconnected as stalled.")
    private long viewerStallTimeout = 10_000;
    @Metadata(defaultValue = "10000", description = "Milliseconds a live stream keeps its viewers after the producer"
            + " that fed it stopped, as when its route is edited or restarted: a producer of the same stream that"
            + " starts within this time takes the stream over with its viewers, who go on at its first keyframe."
            + " After it the stream ends and its viewers are disconnected. 0 disconnects them at once.")
    private long streamGracePeriod = 10_000;

    private final StreamRegistry streams = new StreamRegistry();
    private ScheduledExecutorService watchdog;

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

    @Override
    protected void doStop() throws Exception {
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

    public long getViewerStallTimeout() {
        return viewerStallTimeout;
    }

    public void setViewerStallTimeout(long viewerStallTimeout) {
        this.viewerStallTimeout = viewerStallTimeout;
    }

    public long getStreamGracePeriod() {
        return streamGracePeriod;
    }

    public void setStreamGracePeriod(long streamGracePeriod) {
        streams.setGracePeriodMillis(streamGracePeriod);
        this.streamGracePeriod = streamGracePeriod;
    }
}
