package org.camrelay.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camrelay.app.RelayConfiguration;
import org.camrelay.component.live.LiveComponent;
import org.camrelay.component.live.StreamRegistry;
import org.camrelay.app.operations.FrontRoutes;

/**
 * A relay wired as the application wires it ({@link RelayConfiguration}, {@link FrontRoutes}) on a free
 * loopback port, plus the routes a test adds. The embedded simulator is off unless a test turns it on.
 */
public abstract class RelayTestSupport extends CamelTestSupport {

    protected final int httpPort;

    protected RelayTestSupport() {
        try {
            httpPort = Http.freePort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Properties for the relay; tests add their own. */
    protected Properties relayProperties() {
        Properties properties = new Properties();
        properties.setProperty("camrelay.http.host", "127.0.0.1");
        properties.setProperty("camrelay.http.port", Integer.toString(httpPort));
        properties.setProperty("camrelay.simulator.enabled", "false");
        return properties;
    }

    /** The test's own routes. */
    protected abstract List<RoutesBuilder> testRoutes() throws Exception;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getPropertiesComponent().setInitialProperties(relayProperties());
        new RelayConfiguration().configure(context);
        return context;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        List<RoutesBuilder> builders = new ArrayList<>(testRoutes());
        builders.add(new FrontRoutes());
        return builders.toArray(RoutesBuilder[]::new);
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    protected StreamRegistry streams() {
        return context.getComponent("live", LiveComponent.class).getStreams();
    }
}
