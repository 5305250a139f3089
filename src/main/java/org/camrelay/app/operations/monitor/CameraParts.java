package org.camrelay.app.operations.monitor;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.camrelay.component.live.LiveStream;
import org.camrelay.component.live.StreamRegistry;
import org.camrelay.component.vbc10.Vbc10Endpoint;
import org.camrelay.component.framerate.FrameRateEndpoint;
import org.camrelay.component.transcode.TranscodeEndpoint;
import org.camrelay.component.transcode.TranscodeProducer;

/**
 * The running parts that carry one camera's frames, found by walking the Camel context, so that the
 * components know nothing of monitoring. A camera is a route consuming from {@code vbc10:name}; by the
 * convention of the route files its limiter is {@code framerate:name}, its encoders {@code transcode:name/...}
 * and its outputs {@code live:name/...}.
 */
record CameraParts(Route route, Vbc10Endpoint source, List<FrameRateEndpoint> limiters,
        List<TranscodeProducer> encoders, List<LiveStream> outputs) {

    static Map<String, CameraParts> find(CamelContext context, StreamRegistry streams) {
        Collection<Endpoint> endpoints = context.getEndpoints();
        // Producers that routes use directly are context services (see Camel's SendProcessor).
        Set<TranscodeProducer> encoders = context.hasServices(TranscodeProducer.class);
        Map<String, CameraParts> cameras = new TreeMap<>();
        for (Route route : context.getRoutes()) {
            if (route.getEndpoint() instanceof Vbc10Endpoint source) {
                String name = source.getConfiguration().getName();
                cameras.put(name, new CameraParts(route, source,
                        endpoints.stream()
                                .filter(e -> e instanceof FrameRateEndpoint limiter && limiter.isStarted()
                                        && name.equals(limiter.getName()))
                                .map(FrameRateEndpoint.class::cast).toList(),
                        encoders.stream()
                                .filter(p -> p.isStarted() && p.getEndpoint() instanceof TranscodeEndpoint e
                                        && e.getName().startsWith(name + "/"))
                                .toList(),
                        streams.ofCamera(name)));
            }
        }
        return cameras;
    }
}
