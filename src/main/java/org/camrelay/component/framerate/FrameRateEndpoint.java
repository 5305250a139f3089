package org.camrelay.component.framerate;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Lets at most {@code fps} frames per second, evenly spaced, go on down the route; the others end their
 * route here. Unlike Camel's throttle EIP it never holds a frame back: live video is dropped, not delayed. In JMX
 * (Camel's endpoint MBean) it shows the frames it let pass and the frames it dropped.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "framerate", title = "Frame-rate limiter", syntax = "framerate:name",
             producerOnly = true, category = { Category.CORE })
@ManagedResource(description = "Frame-rate limiter: frames passed and dropped")
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
    @ManagedAttribute(description = "Frames that went on down the route")
    public long getPassed() {
        return limiter == null ? 0 : limiter.passed();
    }

    /** Frames that ended their route here. */
    @ManagedAttribute(description = "Frames that ended their route here, over the limit")
    public long getDropped() {
        return limiter == null ? 0 : limiter.dropped();
    }

    @ManagedAttribute(description = "The limiter's name")
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @ManagedAttribute(description = "The most frames per second let through")
    public double getFps() {
        return fps;
    }

    public void setFps(double fps) {
        this.fps = fps;
    }
}
