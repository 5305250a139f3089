package org.camrelay.component.vbc10;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Receives JPEG frames from a Canon VB-C10/VB-C50 camera over its native video protocol, or from any camera that
 * streams MJPEG over HTTP, one exchange per frame, reconnecting for as long as the route runs. As a producer, steers
 * the pan, tilt and zoom of a camera whose consumer runs with {@code control} set, on behalf of a user
 * ({@link Vbc10Producer}).
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "vbc10", title = "Canon VB-C10 camera", syntax = "vbc10:name",
             category = { Category.NETWORKING }, headersClass = Vbc10Constants.class)
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
}
