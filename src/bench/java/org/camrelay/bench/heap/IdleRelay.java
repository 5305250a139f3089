package org.camrelay.bench.heap;

import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.camrelay.app.RelayConfiguration;
import org.camrelay.bench.ChildProcess;
import org.camrelay.component.live.LiveComponent;
import org.camrelay.component.live.LiveFormat;
import org.camrelay.component.live.LiveStream;
import org.camrelay.component.live.StreamLimits;
import org.camrelay.component.live.StreamRegistry;
import org.camrelay.app.operations.FrontRoutes;

/**
 * A relay in this JVM serving one live stream that no camera feeds, on loopback: the Camel context wired as the
 * application wires it ({@link RelayConfiguration}, {@link FrontRoutes}: camel-jetty's Jetty 12 with the live handler
 * in front), without the simulator, the camera routes and the operations console, which cost the same however many
 * viewers watch. The stream is opened as a camera route's {@code live:} producer opens it, but nothing publishes into
 * it: viewers of {@code /cams/idle/stream.EXT} get their response headers and then nothing, as while a camera is down.
 */
final class IdleRelay implements AutoCloseable {

    static final String CAMERA = "idle";
    /** The {@code live:} endpoint's defaults (viewerQueueSize 8, 512 packets since a keyframe), without a viewer limit. */
    private static final StreamLimits LIMITS = new StreamLimits(8, 0, 0, 512);

    private final CamelContext context;
    private final LiveFormat format;
    private final int port;
    private LiveStream stream;

    private IdleRelay(CamelContext context, LiveFormat format, int port) {
        this.context = context;
        this.format = format;
        this.port = port;
    }

    static IdleRelay start(LiveFormat format) throws Exception {
        int port = ChildProcess.freePort();
        CamelContext context = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.setProperty("camrelay.http.host", "127.0.0.1");
        properties.setProperty("camrelay.http.port", Integer.toString(port));
        properties.setProperty("camrelay.simulator.enabled", "false");
        context.getPropertiesComponent().setInitialProperties(properties);
        new RelayConfiguration().configure(context);
        // dropViewers() ends the responses by releasing the stream: at once, without a grace period.
        context.getComponent("live", LiveComponent.class).setStreamGracePeriod(0);
        context.addRoutes(new FrontRoutes());
        context.start();
        IdleRelay relay = new IdleRelay(context, format, port);
        relay.openStream();
        return relay;
    }

    /** Opens the stream as a {@code live:} producer would, the producer that never publishes left out. */
    private void openStream() {
        stream = streams().open(CAMERA, "stream", format, LIMITS);
    }

    private StreamRegistry streams() {
        return context.getComponent("live", LiveComponent.class).getStreams();
    }

    int port() {
        return port;
    }

    String path() {
        return "/cams/" + stream().path();
    }

    /** The stream; a new object after {@link #dropViewers()}. */
    LiveStream stream() {
        return stream;
    }

    /**
     * Ends every viewer's response by closing the stream and opening it anew, as when its camera route is removed and
     * added again: the server then ends the responses whether or not their clients are still there.
     */
    void dropViewers() {
        streams().release(stream);
        openStream();
    }

    @Override
    public void close() {
        context.stop();
    }
}
