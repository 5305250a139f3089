package org.camrelay.app.operations.monitor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.support.service.ServiceSupport;
import org.camrelay.component.live.LiveStream;
import org.camrelay.component.live.StreamRegistry;
import org.camrelay.component.vbc10.CameraStatistics;
import org.camrelay.component.vbc10.Vbc10Configuration;
import org.camrelay.component.vbc10.control.CameraControlClients;
import org.camrelay.component.vbc10.control.ControlStatus;
import org.camrelay.component.vbc10.control.PtzState;
import org.camrelay.component.framerate.FrameRateEndpoint;
import org.camrelay.component.transcode.TranscodeProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples every camera of the context once a second into a {@link CameraStatus}: the single source of the
 * status page, the API, the MBeans, the health checks and the metrics. Cameras are found afresh at each
 * sample, so routes added, removed or reloaded show up within a second.
 */
public final class CameraMonitor extends ServiceSupport {

    /** Told about each camera at every sample, and once when it is gone. Called on the sampling thread. */
    public interface Listener {
        void cameraSeen(CameraStatus camera);

        void cameraGone(String name);
    }

    private static final Logger LOG = LoggerFactory.getLogger(CameraMonitor.class);
    private static final long PERIOD_MILLIS = 1000;
    private static final long RATE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final CamelContext context;
    private final StreamRegistry streams;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile Map<String, CameraStatus> cameras = Map.of();
    // guarded by this
    private final Map<String, RateMeter> rates = new HashMap<>();
    private ScheduledExecutorService sampler;

    public CameraMonitor(CamelContext context, StreamRegistry streams) {
        this.context = context;
        this.streams = streams;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** The cameras as last sampled, by name. */
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
        long nanos = System.nanoTime();
        long now = System.currentTimeMillis();
        Map<String, RateMeter> used = new HashMap<>();
        Map<String, CameraStatus> sampled = new LinkedHashMap<>();
        CameraParts.find(context, streams).forEach((name, parts) ->
                sampled.put(name, status(name, parts, now, nanos, used)));
        rates.keySet().retainAll(used.keySet());
        Map<String, CameraStatus> previous = cameras;
        cameras = Map.copyOf(sampled);
        for (Listener listener : listeners) {
            sampled.values().forEach(listener::cameraSeen);
            previous.keySet().stream().filter(name -> !sampled.containsKey(name)).forEach(listener::cameraGone);
        }
    }

    private CameraStatus status(String name, CameraParts parts, long now, long nanos, Map<String, RateMeter> used) {
        Vbc10Configuration configuration = parts.source().getConfiguration();
        CameraStatistics statistics = parts.source().getStatistics();
        List<OutputStatus> outputs = new ArrayList<>();
        for (LiveStream stream : parts.outputs()) {
            outputs.add(new OutputStatus(stream.path(), stream.format().extension(), stream.viewerCount(),
                    rate(stream.path(), stream.packetsIn(), nanos, used), stream.bitrate(), stream.bytesOut(),
                    stream.packetsDiscarded(), stream.viewersServed(), stream.viewersRejected(),
                    stream.viewersStalled()));
        }
        FrameDrops drops = new FrameDrops(statistics.getFramesCorrupt(), statistics.getFramesOversize(),
                statistics.getFramesDropped(),
                parts.limiters().stream().mapToLong(FrameRateEndpoint::getDropped).sum(),
                parts.encoders().stream().mapToLong(TranscodeProducer::getFramesDropped).sum(),
                parts.encoders().stream().mapToLong(TranscodeProducer::getFramesFailed).sum(),
                parts.outputs().stream().mapToLong(LiveStream::packetsDiscarded).sum());
        long encoded = parts.encoders().stream().mapToLong(TranscodeProducer::getFramesEncoded).sum();
        double encodeMicros = encoded == 0 ? 0 : parts.encoders().stream()
                .mapToDouble(e -> e.getMeanEncodeMicros() * e.getFramesEncoded()).sum() / encoded;
        return new CameraStatus(name, parts.route().getRouteId(), parts.source().getServiceUrl(),
                configuration.getTransport().name().toLowerCase(Locale.ROOT),
                state(parts, statistics.getLastFrameAt(), configuration.getStallTimeout(), now),
                statistics.isConnected(), configuration.getStallTimeout(), statistics.getLastFrameAt(),
                rate(name, statistics.getFramesReceived(), nanos, used),
                outputs.stream().mapToDouble(OutputStatus::framesPerSecond).sum(), statistics.getFramesReceived(),
                statistics.getReconnects(), statistics.getStreamRenewals(), statistics.getProblem(), drops,
                encodeMicros, List.copyOf(outputs), control(name, parts));
    }

    private static ControlSummary control(String name, CameraParts parts) {
        String mode = CameraControlClients.protocol(parts.source().getConfiguration()).value();
        return parts.source().getComponent().control(name).map(control -> {
            ControlStatus status = control.status();
            PtzState ptz = status.ptz();
            return new ControlSummary(control.mode().value(), ptz.available(), status.controller(),
                    status.queue().size(), ptz.grant().state().name(), status.commands(), ptz.commandsSent(),
                    ptz.commandsCoalesced(), ptz.refusals(), status.takeOvers(), status.handOvers());
        }).orElseGet(() -> ControlSummary.without(mode));
    }

    private CameraState state(CameraParts parts, long lastFrameAt, long stallTimeout, long now) {
        if (context.getRouteController().getRouteStatus(parts.route().getRouteId()) != ServiceStatus.Started) {
            return CameraState.STOPPED;
        }
        if (lastFrameAt > 0 && now - lastFrameAt <= stallTimeout) {
            return CameraState.STREAMING;
        }
        return parts.route().getUptimeMillis() < stallTimeout ? CameraState.STARTING : CameraState.DOWN;
    }

    private double rate(String key, long count, long nanos, Map<String, RateMeter> used) {
        RateMeter meter = rates.computeIfAbsent(key, k -> new RateMeter(RATE_WINDOW_NANOS));
        used.put(key, meter);
        return meter.sample(count, nanos);
    }
}
