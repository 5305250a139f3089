package org.camrelay.app;

import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.camrelay.frame.ImageSize;
import org.camrelay.simulator.CameraSimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated camera of the embedded default, started and stopped with the Camel context so that the
 * relay runs with no camera at all. Configured by the {@code camrelay.simulator.*} properties.
 */
final class EmbeddedSimulator extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSimulator.class);

    private final CameraSimulator simulator;

    private EmbeddedSimulator(CameraSimulator simulator) {
        this.simulator = simulator;
    }

    static EmbeddedSimulator fromProperties(PropertiesComponent properties) {
        ImageSize size = ImageSize.parse("camrelay.simulator.size", property(properties, "size", "640x480"));
        return new EmbeddedSimulator(CameraSimulator.builder()
                .name("embedded")
                .bindHost(property(properties, "host", "127.0.0.1"))
                .nativePort(Integer.parseInt(property(properties, "native-port", "65310")))
                .httpPort(Integer.parseInt(property(properties, "http-port", "65380")))
                // unset: any free port, so that a configuration without the key never collides on a fixed one
                .controlPort(Integer.parseInt(property(properties, "control-port", "65311")))
                .fps(Integer.parseInt(property(properties, "fps", "6")))
                .size(size.width(), size.height())
                .build());
    }

    private static String property(PropertiesComponent properties, String key, String fallback) {
        return properties.resolveProperty("camrelay.simulator." + key).orElse(fallback).trim();
    }

    @Override
    protected void doStart() throws Exception {
        simulator.start();
        LOG.info("Simulated camera listening on native port {}, HTTP port {} and control port {}",
                simulator.nativePort(), simulator.httpPort(), simulator.controlPort());
    }

    @Override
    protected void doStop() {
        simulator.close();
    }
}
