package org.camrelay.app.operations;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.camrelay.component.live.LiveComponent;

/**
 * Opens the relay's HTTP port. The live handler bound as {@value #HANDLER_BEAN} sits in front of this
 * route and serves {@code /cams/*} itself; the Hawtio console, when bound as {@value #HAWTIO_BEAN}, serves
 * {@code /hawtio}; other routes on the port take their own paths; everything else, starting with the index
 * page, is routed here.
 */
public class FrontRoutes extends RouteBuilder {

    public static final String HANDLER_BEAN = "liveHttpHandler";
    public static final String HAWTIO_BEAN = "hawtioHandler";

    /** The URL viewers use, with {@code localhost} for a server bound to every interface. */
    public static String baseUrl(CamelContext context) {
        String host = context.resolvePropertyPlaceholders("{{camrelay.http.host}}");
        String port = context.resolvePropertyPlaceholders("{{camrelay.http.port}}");
        return "http://" + (host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host) + ":" + port;
    }

    @Override
    public void configure() {
        IndexPage index = new IndexPage(getCamelContext().getComponent("live", LiveComponent.class).getStreams());
        String handlers = "#" + HANDLER_BEAN
                + (getCamelContext().getRegistry().lookupByName(HAWTIO_BEAN) != null ? ",#" + HAWTIO_BEAN : "");
        from("jetty:http://{{camrelay.http.host}}:{{camrelay.http.port}}/?matchOnUriPrefix=true"
                + "&handlers=" + handlers)
                .routeId("http-front")
                // The first consumer on the port sets up Jetty's handlers; later ones would restart Jetty to add them.
                .startupOrder(1)
                .choice()
                    .when(header(Exchange.HTTP_PATH).in("", "/"))
                        .process(index)
                    .otherwise()
                        .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(404))
                        .setHeader(Exchange.CONTENT_TYPE, constant("text/plain;charset=utf-8"))
                        .setBody(simple("nothing at ${header." + Exchange.HTTP_URI + "}\n"))
                .end();
    }
}
