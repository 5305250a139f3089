package org.camrelay.app.operations.monitor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.camel.Endpoint;
import org.apache.camel.EndpointAware;
import org.apache.camel.Navigate;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.camrelay.component.framerate.FrameRateEndpoint;
import org.camrelay.component.live.LiveEndpoint;
import org.camrelay.component.transcode.TranscodeEndpoint;
import org.camrelay.component.transcode.TranscodeProducer;
import org.camrelay.component.vbc10.Vbc10Endpoint;

/**
 * The running parts that carry one camera's frames: the route consuming its {@code vbc10:} endpoint, and the
 * endpoints that route sends to, found by walking the route's processors ({@link Route#navigate()}, into multicasts,
 * filters and choices, down to each processor that sends to an endpoint), whatever the endpoints are named. Routes
 * that this route feeds through {@code direct:}, {@code seda:} or a wire tap are not followed.
 *
 * @param limiters the route's {@code framerate:} endpoints
 * @param encoders the running {@code transcode:} producers of this route
 * @param outputs  the route's {@code live:} endpoints whose stream is open (one behind a filter that never lets a frame
 *                 through, with {@code lazyStartProducer}, is not)
 */
record CameraParts(Route route, Vbc10Endpoint source, List<FrameRateEndpoint> limiters,
        List<TranscodeProducer> encoders, List<LiveEndpoint> outputs) {

    /** The parts of the camera that {@code route}, consuming from {@code source}, carries. */
    static CameraParts of(Route route, Vbc10Endpoint source) {
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        collect(route.navigate(), endpoints, Collections.newSetFromMap(new IdentityHashMap<>()));
        List<FrameRateEndpoint> limiters = new ArrayList<>();
        List<TranscodeProducer> encoders = new ArrayList<>();
        List<LiveEndpoint> outputs = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            if (endpoint instanceof FrameRateEndpoint limiter) {
                limiters.add(limiter);
            } else if (endpoint instanceof TranscodeEndpoint transcoder) {
                // an endpoint that several routes send to has a producer for each: this route's are its own
                transcoder.producers().stream().filter(p -> route.getRouteId().equals(p.getRouteId()))
                        .forEach(encoders::add);
            } else if (endpoint instanceof LiveEndpoint output && output.isStreamOpen()) {
                outputs.add(output);
            }
        }
        return new CameraParts(route, source, limiters, encoders, outputs);
    }

    private static void collect(Navigate<Processor> node, Set<Endpoint> endpoints, Set<Processor> seen) {
        if (node == null || !node.hasNext()) {
            return;
        }
        for (Processor processor : node.next()) {
            if (processor == null || !seen.add(processor)) {
                continue;
            }
            if (processor instanceof EndpointAware sender && sender.getEndpoint() != null) {
                endpoints.add(sender.getEndpoint());
            }
            if (processor instanceof Navigate<?> children) {
                @SuppressWarnings("unchecked")
                Navigate<Processor> next = (Navigate<Processor>) children;
                collect(next, endpoints, seen);
            }
        }
    }
}
