package org.camrelay.operations;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.camrelay.delivery.LiveComponent;

/**
 * Opens the relay's HTTP port. The live handler bound as {@value #HANDLER_BEAN} sits in front of this
 * route and serves {@code /cams/*} itself; everything else, starting with the index page, is routed here.
 */
public class FrontRoutes extends RouteBuilder {

    public static final String HANDLER_BEAN = "liveHttpHandler";

    /** The URL viewers use, with {@code localhost} for a server bound to every interface. */
    public static String baseUrl(CamelContext context) {
        String host = context.resolvePropertyPlaceholders("{{camrelay.http.host}}");
        String port = context.resolvePropertyPlaceholders("{{camrelay.http.port}}");
        return "http://" + (host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host) + ":" + port;
    }

    @Override
    public void configure() {
        IndexPage index = new IndexPage(getCamelContext().getComponent("live", LiveComponent.class).getStreams());
        from("jetty:http://{{camrelay.http.host}}:{{camrelay.http.port}}/?matchOnUriPrefix=true"
                + "&handlers=#" + HANDLER_BEAN)
                .routeId("http-front")
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
