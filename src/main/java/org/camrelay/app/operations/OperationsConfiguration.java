package org.camrelay.app.operations;

import java.nio.file.Path;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.camrelay.app.operations.monitor.CameraMonitor;
import org.camrelay.app.operations.security.ApiAuthenticator;
import org.camrelay.app.operations.security.UsersFile;

/**
 * Wires operations into the context: the camera monitor with its MBeans and meters (each camera's health check is its
 * consumer's own, in Camel's consumers repository), Camel's route metrics, the Hawtio console (bound as
 * {@value FrontRoutes#HAWTIO_BEAN} for {@link FrontRoutes}), the API's password checks, and the routes serving {@code /status}, {@code /api/cameras} (with each camera's pan/tilt/zoom
 * below it), {@code /health} and {@code /metrics}.
 */
public class OperationsConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        CameraMonitor monitor = new CameraMonitor(context);

        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
        // camel-micrometer's route policies find the registry under this name
        context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, metrics);
        context.addRoutePolicyFactory(new MicrometerRoutePolicyFactory());

        monitor.addListener(new CameraMBeans(context));
        monitor.addListener(new CameraMeters(metrics, monitor));
        context.addService(monitor, true, true);

        PropertiesComponent properties = context.getPropertiesComponent();
        if (properties.resolveProperty("camrelay.hawtio.enabled").map(v -> Boolean.parseBoolean(v.trim()))
                .orElse(true)) {
            context.getRegistry().bind(FrontRoutes.HAWTIO_BEAN, HawtioConsole.create(properties));
        }
        ApiAuthenticator authenticator = apiAuthenticator(properties);
        bindAuthenticatorMeters(metrics, authenticator);
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                authenticator.close();
            }
        }, true, true);
        context.addRoutes(new OperationsRoutes(monitor, metrics, new ApiAccess(authenticator)));
    }

    /**
     * The API's password checks: {@code camrelay.users.file}; successful checks remembered for
     * {@code camrelay.api.login-cache} ms (60000); {@code camrelay.api.max-concurrent-logins} checks at once (half the
     * cores, at least 1) and {@code camrelay.api.max-waiting-logins} waiting (16).
     */
    private static ApiAuthenticator apiAuthenticator(PropertiesComponent properties) {
        UsersFile users = new UsersFile(Path.of(property(properties, "camrelay.users.file", "config/users.properties")));
        return new ApiAuthenticator(users,
                Long.parseLong(property(properties, "camrelay.api.login-cache", "60000")),
                Integer.parseInt(property(properties, "camrelay.api.max-concurrent-logins",
                        Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors() / 2)))),
                Integer.parseInt(property(properties, "camrelay.api.max-waiting-logins", "16")));
    }

    private static void bindAuthenticatorMeters(MeterRegistry metrics, ApiAuthenticator authenticator) {
        FunctionCounter.builder("camrelay.api.password.checks", authenticator, ApiAuthenticator::passwordChecks)
                .description("PBKDF2 password checks of API callers").register(metrics);
        FunctionCounter.builder("camrelay.api.password.cache.hits", authenticator, ApiAuthenticator::cacheHits)
                .description("API requests whose credentials were remembered from an earlier check").register(metrics);
        FunctionCounter.builder("camrelay.api.logins.refused", authenticator, ApiAuthenticator::refusedWrong)
                .tags("cause", "wrong").description("API logins refused").register(metrics);
        FunctionCounter.builder("camrelay.api.logins.refused", authenticator, ApiAuthenticator::refusedBusy)
                .tags("cause", "busy").description("API logins refused").register(metrics);
    }

    private static String property(PropertiesComponent properties, String key, String fallback) {
        return properties.resolveProperty(key).map(String::trim).orElse(fallback);
    }
}
