package org.camrelay.app;

import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.spi.PropertiesComponent;
import org.camrelay.component.live.LiveComponent;
import org.camrelay.component.live.LiveHttpHandler;
import org.camrelay.app.ViewerJettyComponent;
import org.camrelay.app.operations.FrontRoutes;
import org.camrelay.app.routes.RoutesFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the relay's own parts into the Camel context before the routes are loaded. */
public class RelayConfiguration implements CamelConfiguration {

    /** The {@link RoutesFolder} in the registry, when {@code camrelay.routes.folder} is set. */
    public static final String ROUTES_BEAN = "camrelayRoutesFolder";

    private static final Logger LOG = LoggerFactory.getLogger(CamRelay.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        if (properties.resolveProperty("camrelay.simulator.enabled").map(Boolean::parseBoolean).orElse(false)) {
            context.addService(EmbeddedSimulator.fromProperties(properties), true, true);
        }
        context.addComponent("jetty", new ViewerJettyComponent());
        LiveComponent live = context.getComponent("live", LiveComponent.class);
        context.getRegistry().bind(FrontRoutes.HANDLER_BEAN, new LiveHttpHandler(live.getStreams()));
        Optional<RoutesFolder> routes = properties.resolveProperty("camrelay.routes.folder").map(folder -> new RoutesFolder(
                context, Path.of(folder), properties.resolveProperty("camrelay.routes.scan-interval").map(Long::parseLong)
                        .orElse(1000L)));
        routes.ifPresent(folder -> context.getRegistry().bind(ROUTES_BEAN, folder));
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) throws Exception {
                // Camera routes come after the rest is up, so that a bad file cannot stop the relay starting.
                if (routes.isPresent()) {
                    ctx.addService(routes.get(), true, true);
                }
                logUrls(ctx, live);
            }
        });
    }

    private static void logUrls(CamelContext context, LiveComponent live) {
        String base = FrontRoutes.baseUrl(context);
        String streams = live.getStreams().all().stream()
                .map(s -> "\n  " + s.camera() + ": " + base + "/cams/" + s.path() + "   snapshot: " + base + "/cams/"
                        + s.camera() + "/snapshot.jpg")
                .distinct().collect(Collectors.joining());
        LOG.info("camrelay is up. Open {}/ in a browser.{}", base,
                streams.isEmpty() ? "\n  (no live streams: add a route to routes/)" : streams);
    }
}
