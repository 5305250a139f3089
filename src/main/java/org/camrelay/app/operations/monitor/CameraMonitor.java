package org.camrelay.app.operations.monitor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.support.service.ServiceSupport;
import org.camrelay.component.framerate.FrameRateEndpoint;
import org.camrelay.component.live.LiveEndpoint;
import org.camrelay.component.transcode.TranscodeProducer;
import org.camrelay.component.vbc10.Vbc10Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples every camera of the context once a second into a {@link CameraStatus}: the single source of the status
 * page, the API, the camera MBeans and the metrics. A camera is a route consuming from a {@code vbc10:} endpoint; its
 * parts are found by walking that route ({@link CameraParts}), and every figure is read from the parts' own managed
 * attributes, the same that JMX shows on the endpoints and producers. Cameras are found afresh at each sample, so
 * routes added, removed or reloaded show up within a second; a sample costs one walk of each camera route, so it
 * grows with the number of cameras, not with its square.
 */
public final class CameraMonitor extends ServiceSupport {

    /** Told about each camera at every sample, and once when it is gone. Called on the sampling thread. */
    public interface Listener {
        void cameraSeen(CameraStatus camera);

        void cameraGone(String name);
    }

    private static final Logger LOG = LoggerFactory.getLogger(CameraMonitor.class);
    private static final long PERIOD_MILLIS = 1000;

    private final CamelContext context;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** By name, in name order. */
    private volatile Map<String, CameraStatus> cameras = Map.of();
    private ScheduledExecutorService sampler;

    public CameraMonitor(CamelContext context) {
        this.context = context;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** The cameras as last sampled, in name order. */
    public Collection<CameraStatus> cameras() {
        return cameras.values();
    }

    public Optional<CameraStatus> camera(String name) {
        return Optional.ofNullable(cameras.get(name));
    }

    @Override
    protected void doStart() {
        sampler = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "CameraMonitor");
        sampler.scheduleWithFixedDelay(this::sampleSafely, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (sampler != null) {
            context.getExecutorServiceManager().shutdownNow(sampler);
            sampler = null;
        }
    }

    private void sampleSafely() {
        try {
            sample();
        } catch (RuntimeException e) {
            // A half-started route must not end the sampling for good.
            LOG.debug("Sampling cameras failed; trying again in {} ms", PERIOD_MILLIS, e);
        }
    }

    /** Takes a new sample of every camera now. */
    public synchronized void sample() {
        long now = System.currentTimeMillis();
        List<CameraStatus> found = new ArrayList<>();
        for (Route route : context.getRoutes()) {
            if (route.getEndpoint() instanceof Vbc10Endpoint source) {
                found.add(status(CameraParts.of(route, source), now));
            }
        }
        found.sort(Comparator.comparing(CameraStatus::name));
        Map<String, CameraStatus> sampled = new LinkedHashMap<>();
        // a camera consumed by two routes is shown once, as the last route has it
        found.forEach(camera -> sampled.put(camera.name(), camera));
        Map<String, CameraStatus> previous = cameras;
        cameras = Collections.unmodifiableMap(sampled);
        for (Listener listener : listeners) {
            sampled.values().forEach(listener::cameraSeen);
            previous.keySet().stream().filter(name -> !sampled.containsKey(name)).forEach(listener::cameraGone);
        }
    }

    private static CameraStatus status(CameraParts parts, long now) {
        Vbc10Endpoint source = parts.source();
        List<OutputStatus> outputs = new ArrayList<>(parts.outputs().size());
        for (LiveEndpoint output : parts.outputs()) {
            outputs.add(new OutputStatus(output.getPath(), output.getFormat().extension(), output.getViewers(),
                    output.getFramesPerSecond(), output.getBitrate(), output.getBytesOut(),
                    output.getFramesDiscarded(), output.getViewersServed(), output.getViewersRejected(),
                    output.getViewersStalled()));
        }
        List<TranscodeProducer> encoders = parts.encoders();
        FrameDrops drops = new FrameDrops(source.getFramesCorrupt(), source.getFramesOversize(),
                source.getFramesDroppedRouteBusy(),
                parts.limiters().stream().mapToLong(FrameRateEndpoint::getDropped).sum(),
                encoders.stream().mapToLong(TranscodeProducer::getFramesDropped).sum(),
                encoders.stream().mapToLong(TranscodeProducer::getFramesFailed).sum(),
                outputs.stream().mapToLong(OutputStatus::framesDiscarded).sum());
        long encoded = encoders.stream().mapToLong(TranscodeProducer::getFramesEncoded).sum();
        double encodeMicros = encoded == 0 ? 0 : encoders.stream()
                .mapToDouble(e -> e.getMeanEncodeMicros() * e.getFramesEncoded()).sum() / encoded;
        return new CameraStatus(source.getCamera(), parts.route().getRouteId(), source.getAddress(),
                source.getTransport(), source.state(now), source.isConnected(), source.getStallTimeout(),
                source.getLastFrameAt(), source.getFramesPerSecond(),
                outputs.stream().mapToDouble(OutputStatus::framesPerSecond).sum(), source.getFramesReceived(),
                source.getReconnects(), source.getStreamRenewals(), source.getProblem(), drops, encodeMicros,
                List.copyOf(outputs), control(source));
    }

    private static ControlSummary control(Vbc10Endpoint source) {
        return new ControlSummary(source.getControlMode(), source.isControlAvailable(), source.getControlHolder(),
                source.getControlQueueLength(), source.getControlGrant(), source.getControlCommands(),
                source.getControlCommandsSent(), source.getControlCommandsCoalesced(), source.getControlRefusals(),
                source.getControlTakeOvers(), source.getControlHandOvers());
    }
}
