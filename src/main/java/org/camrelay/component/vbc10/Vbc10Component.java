package org.camrelay.component.vbc10;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.FastThreadLocalThread;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.camrelay.component.vbc10.control.CameraControl;
import org.camrelay.component.vbc10.control.CameraControlClient;
import org.camrelay.component.vbc10.control.CameraControlClientFactory;
import org.camrelay.component.vbc10.control.ControlArbiter;
import org.camrelay.component.vbc10.control.ControlClock;
import org.camrelay.component.vbc10.control.CameraControlClients;
import org.camrelay.component.vbc10.control.ControlProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code vbc10:} component: receives JPEG frames from Canon VB-C10/VB-C50 cameras and from any MJPEG camera. All
 * cameras of a component share one small Netty event loop group; no camera has a thread of its own. It also holds the
 * pan/tilt/zoom control of each camera whose consumer runs with {@code control} set ({@link #control(String)}). Each
 * consumer has a health check in Camel's consumers health-check repository ({@link Vbc10ConsumerHealthCheck}; option
 * {@code healthCheckConsumerEnabled}).
 */
@Component("vbc10")
public class Vbc10Component extends HealthCheckComponent {

    private static final long SHUTDOWN_TIMEOUT_SECONDS = 5;
    /** Where named credentials are looked up unless {@code credentialsPrefix} says otherwise. */
    static final String DEFAULT_CREDENTIALS_PREFIX = "camrelay.credentials";
    private static final Pattern CREDENTIALS_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    @Metadata(description = "Defaults for the options of the endpoints this component creates.")
    private Vbc10Configuration configuration = new Vbc10Configuration();
    @Metadata(label = "advanced", defaultValue = "2",
              description = "Threads of the event loop group that all cameras of this component share.")
    private int ioThreads = 2;
    @Metadata(label = "security", defaultValue = DEFAULT_CREDENTIALS_PREFIX,
              description = "The property prefix of named credentials: an endpoint with credentials=NAME takes its"
                            + " username and password from the property placeholders {{PREFIX.NAME.username}} and"
                            + " {{PREFIX.NAME.password}} (from any properties source, their values may themselves be"
                            + " placeholders such as {{env:...}} or a vault function), else from the environment"
                            + " variables PREFIX_NAME_USERNAME and PREFIX_NAME_PASSWORD (upper case, every other"
                            + " character than a letter or digit as '_').")
    private String credentialsPrefix = DEFAULT_CREDENTIALS_PREFIX;

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
        if (endpointConfiguration.getHost() == null || endpointConfiguration.getHost().isBlank()) {
            // vbc10:name without a host is a producer steering a camera that another route consumes; the rest of its
            // options are checked as usual, and its consumer would refuse to start for want of a host
            Vbc10Configuration withoutHost = endpointConfiguration.copy();
            withoutHost.setHost("unused");
            withoutHost.validate();
        } else {
            endpointConfiguration.validate();
        }
        return endpoint;
    }

    /**
     * One part of named credentials: the property {@code PREFIX.NAME.part} as the placeholder {@code {{...}}} would
     * resolve it (nested placeholders and functions included), else the environment variable of the same name; never
     * logged.
     */
    private String secret(String credentials, String part) {
        if (!CREDENTIALS_NAME.matcher(credentials).matches()) {
            throw new IllegalArgumentException("credentials must name credentials with 1-64 letters, digits, '.', '_'"
                                               + " or '-'");
        }
        if (credentialsPrefix == null || credentialsPrefix.isBlank()) {
            throw new IllegalArgumentException("credentialsPrefix must not be empty");
        }
        String key = credentialsPrefix + "." + credentials + "." + part;
        String variable = key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        return getCamelContext().getPropertiesComponent().resolveProperty(key)
                .or(() -> Optional.ofNullable(System.getenv(variable)))
                .orElseThrow(() -> new IllegalArgumentException("credentials '" + credentials + "' have no " + part
                        + ": set the property " + key + " or the environment variable " + variable));
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

    // ---- pan/tilt/zoom control: the registry of cameras with control, see org.camrelay.component.vbc10.control ----

    private static final Logger LOG = LoggerFactory.getLogger(Vbc10Component.class);

    @Metadata(label = "advanced", description = "Makes the camera-facing pan/tilt/zoom client of each camera with"
                                                + " control, instead of the built-in ones (another camera dialect,"
                                                + " tests).")
    private CameraControlClientFactory controlClientFactory;
    private final Map<String, CameraControl> controls = new ConcurrentHashMap<>();
    private final Map<Vbc10Endpoint, CameraControl> controlsByEndpoint = new ConcurrentHashMap<>();

    /** The pan/tilt/zoom control of a camera, present while its consumer runs with control other than none. */
    public Optional<CameraControl> control(String camera) {
        return Optional.ofNullable(controls.get(camera));
    }

    /** The control that the consumer of this endpoint started, if it runs with control. */
    Optional<CameraControl> controlOf(Vbc10Endpoint endpoint) {
        return Optional.ofNullable(controlsByEndpoint.get(endpoint));
    }

    /** Every camera's control that is present now. */
    public Collection<CameraControl> controls() {
        return List.copyOf(controls.values());
    }

    /** Called by the consumer when it has started: makes and starts the camera's control, if it has any. */
    void startControl(Vbc10Endpoint endpoint) {
        Vbc10Configuration options = endpoint.getConfiguration();
        ControlProtocol protocol = CameraControlClients.protocol(options);
        if (protocol == ControlProtocol.NONE) {
            return;
        }
        try {
            CameraControlClient client = createControlClient(options);
            ControlArbiter arbiter = new ControlArbiter(options.getName(), client,
                    ControlClock.of(eventLoopGroup.next()), options.getControlLease(), options.getControlIdleTimeout(),
                    options.getConnectTimeout());
            CameraControl control = new CameraControl(options.getName(), protocol, client, arbiter);
            if (controls.putIfAbsent(options.getName(), control) != null) {
                LOG.warn("Camera '{}' is consumed by more than one route: only the first has pan/tilt/zoom control",
                        options.getName());
                return;
            }
            controlsByEndpoint.put(endpoint, control);
            control.start();
            LOG.info("Camera '{}': pan/tilt/zoom control over {}", options.getName(), protocol.value());
        } catch (RuntimeException e) {
            // the video goes on without control
            LOG.error("Camera '{}': pan/tilt/zoom control could not start: {}", options.getName(), e.toString());
        }
    }

    /** Called by the consumer when it stops: ends the camera's control. */
    void stopControl(Vbc10Endpoint endpoint) {
        CameraControl control = controlsByEndpoint.remove(endpoint);
        if (control != null) {
            controls.remove(control.camera(), control);
            control.stop();
        }
    }

    /** The camera-facing client of a camera: the one place where it is made. */
    CameraControlClient createControlClient(Vbc10Configuration options) {
        if (controlClientFactory != null) {
            return controlClientFactory.create(options, eventLoopGroup);
        }
        return CameraControlClients.create(options, eventLoopGroup);
    }

    public CameraControlClientFactory getControlClientFactory() {
        return controlClientFactory;
    }

    public void setControlClientFactory(CameraControlClientFactory controlClientFactory) {
        this.controlClientFactory = controlClientFactory;
    }

    // ---- end of pan/tilt/zoom control ----

    public Vbc10Configuration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(Vbc10Configuration configuration) {
        this.configuration = configuration;
    }

    public String getCredentialsPrefix() {
        return credentialsPrefix;
    }

    public void setCredentialsPrefix(String credentialsPrefix) {
        this.credentialsPrefix = credentialsPrefix;
    }

    public int getIoThreads() {
        return ioThreads;
    }

    public void setIoThreads(int ioThreads) {
        this.ioThreads = ioThreads;
    }
}
