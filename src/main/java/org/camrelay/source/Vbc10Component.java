package org.camrelay.source;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.FastThreadLocalThread;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code vbc10:} component: receives JPEG frames from Canon VB-C10/VB-C50 cameras and from any MJPEG camera. All
 * cameras of a component share one small Netty event loop group; no camera has a thread of its own.
 */
@Component("vbc10")
public class Vbc10Component extends DefaultComponent {

    private static final long SHUTDOWN_TIMEOUT_SECONDS = 5;

    @Metadata(description = "Defaults for the options of the endpoints this component creates.")
    private Vbc10Configuration configuration = new Vbc10Configuration();
    @Metadata(label = "advanced", defaultValue = "2",
              description = "Threads of the event loop group that all cameras of this component share.")
    private int ioThreads = 2;

    private EventLoopGroup eventLoopGroup;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        Vbc10Configuration endpointConfiguration = configuration.copy();
        endpointConfiguration.setName(remaining);
        Vbc10Endpoint endpoint = new Vbc10Endpoint(uri, this, endpointConfiguration);
        setProperties(endpoint, parameters);
        String credentials = endpointConfiguration.getCredentials();
        if (credentials != null && !credentials.isBlank()) {
            endpointConfiguration.setUsername(secret(credentials, "username"));
            endpointConfiguration.setPassword(secret(credentials, "password"));
        }
        endpointConfiguration.validate();
        return endpoint;
    }

    /** One part of named credentials, from the configuration or the environment; never logged. */
    private String secret(String credentials, String part) {
        String key = "camrelay.credentials." + credentials + "." + part;
        String variable = key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        return getCamelContext().getPropertiesComponent().resolveProperty(key)
                .or(() -> Optional.ofNullable(System.getenv(variable)))
                .orElseThrow(() -> new IllegalArgumentException("credentials '" + credentials + "' have no " + part
                        + ": set " + key + " in config/secrets.properties or the environment variable " + variable));
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (ioThreads <= 0) {
            throw new IllegalArgumentException("ioThreads must be positive, was " + ioThreads);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread thread = new FastThreadLocalThread(task, "vbc10-io-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        eventLoopGroup = new NioEventLoopGroup(ioThreads, threads);
    }

    @Override
    protected void doStop() throws Exception {
        if (eventLoopGroup != null) {
            // consumers have closed their channels by now: no quiet period needed
            eventLoopGroup.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            eventLoopGroup = null;
        }
        super.doStop();
    }

    /** The event loops shared by this component's cameras; present while the component is started. */
    EventLoopGroup getEventLoopGroup() {
        return eventLoopGroup;
    }

    public Vbc10Configuration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(Vbc10Configuration configuration) {
        this.configuration = configuration;
    }

    public int getIoThreads() {
        return ioThreads;
    }

    public void setIoThreads(int ioThreads) {
        this.ioThreads = ioThreads;
    }
}
