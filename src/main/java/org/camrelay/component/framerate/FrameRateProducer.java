package org.camrelay.component.framerate;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.camrelay.frame.FrameHeaders;

/** Ends the route of every frame over the limit; the others go on unchanged. */
public class FrameRateProducer extends DefaultProducer {

    private final FrameRateLimiter limiter;

    public FrameRateProducer(FrameRateEndpoint endpoint) {
        super(endpoint);
        this.limiter = endpoint.getLimiter();
    }

    @Override
    public void process(Exchange exchange) {
        // The camera's receive time, so that spacing follows the camera and not route delays.
        Long received = exchange.getIn().getHeader(FrameHeaders.RECEIVED_NANOS, Long.class);
        if (!limiter.accept(received != null ? received : System.nanoTime())) {
            exchange.setRouteStop(true);
        }
    }
}
