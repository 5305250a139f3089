package org.camrelay.operations;

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
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.PropertiesComponent;
import org.camrelay.delivery.LiveComponent;
import org.camrelay.operations.monitor.CameraMonitor;

/**
 * Wires operations into the context: the camera monitor with its MBeans, meters and health checks, Camel's
 * route metrics, the Hawtio console (bound as {@value FrontRoutes#HAWTIO_BEAN} for {@link FrontRoutes}) and
 * the routes serving {@code /status}, {@code /api/cameras}, {@code /health} and {@code /metrics}.
 */
public class OperationsConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        CameraMonitor monitor = new CameraMonitor(context,
                context.getComponent("live", LiveComponent.class).getStreams());

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
        HealthCheckRegistry.get(context).register(new CameraHealthChecks(context, monitor));

        PropertiesComponent properties = context.getPropertiesComponent();
        if (properties.resolveProperty("camrelay.hawtio.enabled").map(v -> Boolean.parseBoolean(v.trim()))
                .orElse(true)) {
            context.getRegistry().bind(FrontRoutes.HAWTIO_BEAN, HawtioConsole.create(properties));
        }
        context.addRoutes(new OperationsRoutes(monitor, metrics));
    }
}
