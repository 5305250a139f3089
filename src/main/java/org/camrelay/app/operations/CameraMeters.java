package org.camrelay.app.operations;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.camrelay.app.operations.monitor.CameraMonitor;
import org.camrelay.app.operations.monitor.CameraStatus;
import org.camrelay.app.operations.monitor.FrameDrops;
import org.camrelay.app.operations.monitor.OutputStatus;
import org.camrelay.component.vbc10.CameraState;

/**
 * Micrometer meters per camera (tag {@code camera}) and per output (tags {@code camera}, {@code output}),
 * read from the monitor's latest sample; in Prometheus e.g. {@code camrelay_camera_frames_dropped_frames_total}
 * with a {@code cause} tag, or {@code camrelay_output_viewers}. A camera's meters go when the camera goes.
 */
final class CameraMeters implements CameraMonitor.Listener {

    private static final Map<String, ToDoubleFunction<FrameDrops>> DROP_CAUSES = Map.of(
            "corrupt", FrameDrops::corrupt,
            "oversize", FrameDrops::oversize,
            "route_busy", FrameDrops::routeBusy,
            "limiter", FrameDrops::limiter,
            "encoder_busy", FrameDrops::encoderBusy,
            "encoder_failed", FrameDrops::encoderFailed,
            "slow_viewers", FrameDrops::slowViewers);

    private final MeterRegistry registry;
    private final CameraMonitor monitor;
    // confined to the monitor's sampling thread
    private final Map<String, List<Meter>> meters = new HashMap<>();
    /** The outputs with meters, by camera: an output's path need not start with its camera's name. */
    private final Map<String, Set<String>> outputs = new HashMap<>();
    private final Set<String> controlled = new HashSet<>();

    CameraMeters(MeterRegistry registry, CameraMonitor monitor) {
        this.registry = registry;
        this.monitor = monitor;
    }

    @Override
    public void cameraSeen(CameraStatus camera) {
        List<Meter> ofCamera = meters.get(camera.name());
        if (ofCamera == null) {
            ofCamera = new ArrayList<>();
            meters.put(camera.name(), ofCamera);
            addCameraMeters(camera.name(), ofCamera);
        }
        if (camera.control().enabled() && controlled.add(camera.name())) {
            addControlMeters(camera.name(), ofCamera);
        }
        Set<String> metered = outputs.computeIfAbsent(camera.name(), name -> new HashSet<>());
        for (OutputStatus output : camera.outputs()) {
            if (metered.add(output.path())) {
                addOutputMeters(camera.name(), output.path(), ofCamera);
            }
        }
    }

    @Override
    public void cameraGone(String camera) {
        List<Meter> gone = meters.remove(camera);
        if (gone != null) {
            gone.forEach(registry::remove);
        }
        outputs.remove(camera);
        controlled.remove(camera);
    }

    /** {@code camrelay_camera_control_*}: for cameras with pan/tilt/zoom control; no user names. */
    private void addControlMeters(String camera, List<Meter> added) {
        Tags tags = Tags.of("camera", camera);
        added.add(gauge("camrelay.camera.control.available", tags, "1 while the control client knows the camera",
                null, ofCamera(camera, s -> s.control().available() ? 1 : 0)));
        added.add(gauge("camrelay.camera.control.controlled", tags, "1 while a user controls the camera", null,
                ofCamera(camera, s -> s.control().controlled() ? 1 : 0)));
        added.add(gauge("camrelay.camera.control.queue", tags, "users waiting for control", null,
                ofCamera(camera, s -> s.control().queueLength())));
        added.add(gauge("camrelay.camera.control.granted", tags, "1 while the camera grants the relay its control",
                null, ofCamera(camera, s -> s.control().grant().equals("GRANTED") ? 1 : 0)));
        added.add(counter("camrelay.camera.control.commands", tags, "users' commands passed on to the camera client",
                null, ofCamera(camera, s -> s.control().commands())));
        added.add(counter("camrelay.camera.control.commands.sent", tags, "commands sent to the camera", null,
                ofCamera(camera, s -> s.control().commandsSent())));
        added.add(counter("camrelay.camera.control.commands.coalesced", tags,
                "commands merged into a newer one before they were sent", null,
                ofCamera(camera, s -> s.control().commandsCoalesced())));
        added.add(counter("camrelay.camera.control.refusals", tags, "commands or control requests the camera refused",
                null, ofCamera(camera, s -> s.control().refusals())));
        added.add(counter("camrelay.camera.control.takeovers", tags, "times a user with a higher role took control",
                null, ofCamera(camera, s -> s.control().takeOvers())));
        added.add(counter("camrelay.camera.control.handovers", tags, "times control passed to the next user waiting",
                null, ofCamera(camera, s -> s.control().handOvers())));
    }

    private void addCameraMeters(String camera, List<Meter> added) {
        Tags tags = Tags.of("camera", camera);
        added.add(gauge("camrelay.camera.up", tags, "1 while a frame arrived within the stall timeout", null,
                ofCamera(camera, s -> s.state() == CameraState.STREAMING ? 1 : 0)));
        added.add(gauge("camrelay.camera.connected", tags, "1 while a connection to the camera delivers frames",
                null, ofCamera(camera, s -> s.connected() ? 1 : 0)));
        added.add(gauge("camrelay.camera.frames.in", tags, "frames received per second", "per.second",
                ofCamera(camera, CameraStatus::framesPerSecondIn)));
        added.add(gauge("camrelay.camera.frames.out", tags, "frames published to all outputs per second",
                "per.second", ofCamera(camera, CameraStatus::framesPerSecondOut)));
        added.add(gauge("camrelay.camera.last.frame.age", tags, "time since the last frame, -1 before the first",
                "seconds", ofCamera(camera, s -> s.lastFrameAt() == 0 ? -1
                        : s.lastFrameAgeMillis(System.currentTimeMillis()) / 1e3)));
        added.add(gauge("camrelay.camera.encode.time", tags, "mean encoding time per frame", "seconds",
                ofCamera(camera, s -> s.encodeMicros() / 1e6)));
        added.add(gauge("camrelay.camera.viewers", tags, "viewers of all outputs", null,
                ofCamera(camera, CameraStatus::viewers)));
        added.add(counter("camrelay.camera.frames.received", tags, "frames received", "frames",
                ofCamera(camera, CameraStatus::framesReceived)));
        added.add(counter("camrelay.camera.reconnects", tags, "connection attempts after the first", null,
                ofCamera(camera, CameraStatus::reconnects)));
        added.add(counter("camrelay.camera.stream.renewals", tags, "streams the camera ended routinely and were renewed"
                + " at once", null, ofCamera(camera, CameraStatus::streamRenewals)));
        added.add(counter("camrelay.camera.sent", tags, "bytes sent to the viewers of all outputs", "bytes",
                ofCamera(camera, CameraStatus::bytesOut)));
        DROP_CAUSES.forEach((cause, count) -> added.add(counter("camrelay.camera.frames.dropped",
                tags.and("cause", cause), "frames lost, by cause", "frames",
                ofCamera(camera, s -> count.applyAsDouble(s.drops())))));
    }

    private void addOutputMeters(String camera, String path, List<Meter> added) {
        Tags tags = Tags.of("camera", camera, "output", path);
        added.add(gauge("camrelay.output.viewers", tags, "viewers watching now", null,
                ofOutput(camera, path, OutputStatus::viewers)));
        added.add(gauge("camrelay.output.frames", tags, "frames published per second", "per.second",
                ofOutput(camera, path, OutputStatus::framesPerSecond)));
        added.add(gauge("camrelay.output.bitrate", tags, "bits published per second", "bits.per.second",
                ofOutput(camera, path, OutputStatus::bitrate)));
        added.add(counter("camrelay.output.sent", tags, "bytes sent to viewers", "bytes",
                ofOutput(camera, path, OutputStatus::bytesOut)));
        added.add(counter("camrelay.output.frames.discarded", tags, "frames not sent to viewers that fell behind",
                "frames", ofOutput(camera, path, OutputStatus::framesDiscarded)));
    }

    private Meter gauge(String name, Tags tags, String description, String unit, ToDoubleFunction<CameraMonitor> value) {
        return Gauge.builder(name, monitor, value).tags(tags).description(description).baseUnit(unit)
                .register(registry);
    }

    private Meter counter(String name, Tags tags, String description, String unit,
            ToDoubleFunction<CameraMonitor> value) {
        return FunctionCounter.builder(name, monitor, value).tags(tags).description(description).baseUnit(unit)
                .register(registry);
    }

    private static ToDoubleFunction<CameraMonitor> ofCamera(String camera, ToDoubleFunction<CameraStatus> value) {
        return m -> m.camera(camera).map(value::applyAsDouble).orElse(Double.NaN);
    }

    private static ToDoubleFunction<CameraMonitor> ofOutput(String camera, String path,
            ToDoubleFunction<OutputStatus> value) {
        return m -> m.camera(camera).flatMap(c -> c.outputs().stream().filter(o -> o.path().equals(path)).findFirst())
                .map(value::applyAsDouble).orElse(Double.NaN);
    }
}
