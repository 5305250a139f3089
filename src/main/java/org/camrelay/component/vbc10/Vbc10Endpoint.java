package org.camrelay.component.vbc10;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;
import org.camrelay.component.vbc10.control.CameraControl;
import org.camrelay.component.vbc10.control.CameraControlClients;
import org.camrelay.component.vbc10.control.ControlStatus;
import org.camrelay.component.vbc10.control.PtzState;

/**
 * Receives JPEG frames from a Canon VB-C10/VB-C50 camera over its native video protocol, or from any camera that
 * streams MJPEG over HTTP, one exchange per frame, reconnecting for as long as the route runs. As a producer, steers
 * the pan, tilt and zoom of a camera whose consumer runs with {@code control} set, on behalf of a user
 * ({@link Vbc10Producer}).
 * <p>
 * In JMX (Camel's endpoint MBean) it shows the camera's figures: its state, frames received and lost by cause,
 * reconnects, stream renewals, why it is down, and its pan/tilt/zoom control. Never its credentials.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "vbc10", title = "Canon VB-C10 camera", syntax = "vbc10:name",
             category = { Category.NETWORKING }, headersClass = Vbc10Constants.class)
@ManagedResource(description = "A camera pulled by camrelay: frames received and lost, connection, pan/tilt/zoom")
public class Vbc10Endpoint extends DefaultEndpoint implements EndpointServiceLocation {

    @UriParam
    private final Vbc10Configuration configuration;
    private final CameraStatistics statistics = new CameraStatistics();

    public Vbc10Endpoint(String uri, Vbc10Component component, Vbc10Configuration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public Vbc10Component getComponent() {
        return (Vbc10Component) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new Vbc10Producer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        configuration.validate(); // a producer needs no host, a consumer does
        Vbc10Consumer consumer = new Vbc10Consumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    public Vbc10Configuration getConfiguration() {
        return configuration;
    }

    /** The counters of this camera, for monitoring. */
    public CameraStatistics getStatistics() {
        return statistics;
    }

    @Override
    public String getServiceUrl() {
        return configuration.address();
    }

    @Override
    public String getServiceProtocol() {
        return configuration.getTransport() == Vbc10Transport.HTTP ? "http" : "tcp";
    }

    /**
     * The camera's state at {@code nowMillis}: {@link CameraState#STOPPED} while no consumer runs;
     * {@link CameraState#STREAMING} while connected with a frame within the stall timeout; {@link CameraState#STARTING}
     * within the first stall timeout of the consumer's run as long as no attempt has failed; {@link CameraState#DOWN}
     * otherwise.
     */
    public CameraState state(long nowMillis) {
        long startedAt = statistics.getStartedAt();
        if (startedAt == 0) {
            return CameraState.STOPPED;
        }
        long stallTimeout = configuration.getStallTimeout();
        long lastFrameAt = statistics.getLastFrameAt();
        if (statistics.isConnected() && lastFrameAt > 0 && nowMillis - lastFrameAt <= stallTimeout) {
            return CameraState.STREAMING;
        }
        if (statistics.getProblem() == null && nowMillis - startedAt < stallTimeout) {
            return CameraState.STARTING;
        }
        return CameraState.DOWN;
    }

    /** Milliseconds from the last frame to {@code nowMillis}, or -1 if none came. */
    public long lastFrameAgeMillis(long nowMillis) {
        long lastFrameAt = statistics.getLastFrameAt();
        return lastFrameAt == 0 ? -1 : Math.max(0, nowMillis - lastFrameAt);
    }

    /** This endpoint's pan/tilt/zoom control, present while its consumer runs with {@code control} other than none. */
    public Optional<CameraControl> control() {
        return getComponent().controlOf(this);
    }

    // ---- managed attributes: the camera's figures in JMX ----

    @ManagedAttribute(description = "The camera's name")
    public String getCamera() {
        return configuration.getName();
    }

    @ManagedAttribute(description = "Host and port the camera is pulled from (never its credentials)")
    public String getAddress() {
        return configuration.getHost() == null ? null : configuration.address();
    }

    @ManagedAttribute(description = "native or http")
    public String getTransport() {
        return configuration.getTransport().name().toLowerCase(Locale.ROOT);
    }

    @ManagedAttribute(description = "Milliseconds without a frame after which the camera counts as down")
    public long getStallTimeout() {
        return configuration.getStallTimeout();
    }

    @ManagedAttribute(description = "STREAMING, STARTING, DOWN or STOPPED")
    public String getCameraState() {
        return state(System.currentTimeMillis()).name();
    }

    @ManagedAttribute(description = "Whether a connection is open and has delivered frames")
    public boolean isConnected() {
        return statistics.isConnected();
    }

    @ManagedAttribute(description = "Frames received")
    public long getFramesReceived() {
        return statistics.getFramesReceived();
    }

    @ManagedAttribute(description = "Frames received per second, over the last few seconds")
    public double getFramesPerSecond() {
        return statistics.getFramesPerSecond();
    }

    @ManagedAttribute(description = "Bytes read from the camera, protocol overhead included")
    public long getBytesReceived() {
        return statistics.getBytesReceived();
    }

    @ManagedAttribute(description = "Bytes that belonged to no frame")
    public long getBytesSkipped() {
        return statistics.getBytesSkipped();
    }

    @ManagedAttribute(description = "Frames lost because they were truncated or malformed")
    public long getFramesCorrupt() {
        return statistics.getFramesCorrupt();
    }

    @ManagedAttribute(description = "Frames lost because they exceeded maxFrameSize")
    public long getFramesOversize() {
        return statistics.getFramesOversize();
    }

    @ManagedAttribute(description = "Frames not routed because the route was still busy with earlier ones")
    public long getFramesDroppedRouteBusy() {
        return statistics.getFramesDropped();
    }

    @ManagedAttribute(description = "Connection attempts after the first one, stream renewals left out")
    public long getReconnects() {
        return statistics.getReconnects();
    }

    @ManagedAttribute(description = "Streams the camera ended at its maximum connection time, renewed at once")
    public long getStreamRenewals() {
        return statistics.getStreamRenewals();
    }

    @ManagedAttribute(description = "Why the camera is not streaming, as logged; empty while frames flow")
    public String getProblem() {
        return statistics.getProblem();
    }

    @ManagedAttribute(description = "When the last frame came, in milliseconds since the epoch; 0 if none did")
    public long getLastFrameAt() {
        return statistics.getLastFrameAt();
    }

    @ManagedAttribute(description = "Milliseconds since the last frame, -1 if none came")
    public long getLastFrameAgeMillis() {
        return lastFrameAgeMillis(System.currentTimeMillis());
    }

    @ManagedAttribute(description = "Pan/tilt/zoom control: none, webview or native")
    public String getControlMode() {
        return control().map(c -> c.mode().value())
                .orElseGet(() -> CameraControlClients.protocol(configuration).value());
    }

    @ManagedAttribute(description = "Whether the control client is connected and knows the position and limits")
    public boolean isControlAvailable() {
        return ptz(PtzState::available).orElse(false);
    }

    @ManagedAttribute(description = "The user controlling the camera, empty when nobody does")
    public String getControlHolder() {
        return controlStatus(ControlStatus::controller).orElse(null);
    }

    @ManagedAttribute(description = "Users waiting for control")
    public int getControlQueueLength() {
        return controlStatus(s -> s.queue().size()).orElse(0);
    }

    @ManagedAttribute(description = "The relay's standing with the camera's control slot: NONE, REQUESTED, WAITING,"
                                    + " GRANTED, REVOKED or REFUSED")
    public String getControlGrant() {
        return ptz(p -> p.grant().state().name()).orElse("NONE");
    }

    @ManagedAttribute(description = "Users' commands passed on to the camera")
    public long getControlCommands() {
        return controlCount(ControlStatus::commands);
    }

    @ManagedAttribute(description = "Commands sent to the camera")
    public long getControlCommandsSent() {
        return controlCount(s -> s.ptz().commandsSent());
    }

    @ManagedAttribute(description = "Commands merged into a newer one before they were sent")
    public long getControlCommandsCoalesced() {
        return controlCount(s -> s.ptz().commandsCoalesced());
    }

    @ManagedAttribute(description = "Commands or control requests the camera refused")
    public long getControlRefusals() {
        return controlCount(s -> s.ptz().refusals());
    }

    @ManagedAttribute(description = "Times a user with a higher role took control over")
    public long getControlTakeOvers() {
        return controlCount(ControlStatus::takeOvers);
    }

    @ManagedAttribute(description = "Times control passed to the next user waiting")
    public long getControlHandOvers() {
        return controlCount(ControlStatus::handOvers);
    }

    private <T> Optional<T> controlStatus(Function<ControlStatus, T> value) {
        return control().map(c -> value.apply(c.status()));
    }

    private <T> Optional<T> ptz(Function<PtzState, T> value) {
        return controlStatus(s -> value.apply(s.ptz()));
    }

    private long controlCount(ToLongFunction<ControlStatus> value) {
        return controlStatus(value::applyAsLong).orElse(0L);
    }
}
