package org.camrelay.component.framerate;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Lets at most {@code fps} frames per second, evenly spaced, go on down the route; the others end their
 * route here. Unlike Camel's throttle EIP it never holds a frame back: live video is dropped, not delayed.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "framerate", title = "Frame-rate limiter", syntax = "framerate:name",
             producerOnly = true, category = { Category.CORE })
public class FrameRateEndpoint extends DefaultEndpoint {

    @UriPath(description = "Names the limiter; routes that use the same name share one limit.")
    @Metadata(required = true)
    private String name;
    @UriParam(defaultValue = "4", description = "The most frames per second to let through; fractions allowed.")
    private double fps = 4;

    private FrameRateLimiter limiter;

    public FrameRateEndpoint(String uri, FrameRateComponent component) {
        super(uri, component);
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        limiter = new FrameRateLimiter(fps);
    }

    @Override
    public Producer createProducer() {
        return new FrameRateProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("framerate: only filters frames going down a route");
    }

    FrameRateLimiter getLimiter() {
        return limiter;
    }

    /** Frames that went on. */
    public long getPassed() {
        return limiter.passed();
    }

    /** Frames that ended their route here. */
    public long getDropped() {
        return limiter.dropped();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public double getFps() {
        return fps;
    }

    public void setFps(double fps) {
        this.fps = fps;
    }
}
