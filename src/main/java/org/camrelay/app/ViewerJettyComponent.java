package org.camrelay.app;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.component.jetty.JettyHttpEndpoint;
import org.apache.camel.component.jetty12.JettyHttpComponent12;
import org.apache.camel.http.common.HttpHeaderFilterStrategy;
import org.apache.camel.spi.Metadata;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * camel-jetty's {@code jetty:} component as the relay's port needs it:
 * <ul>
 * <li>a listen backlog sized for viewers. When the relay restarts, every viewer reconnects at once; with the JDK's
 * default backlog of 50 the rest lose their first SYN and retry only a second later. camel-jetty 4.18 binds
 * {@code socketConnectorProperties} onto SSL connectors only, hence this subclass;</li>
 * <li>request bodies left as they are: camel-http would parse any body sent as a form into headers and answer 500
 * with a stack trace in the log when it is not one (a JSON body with curl's default Content-Type). An endpoint can
 * still ask for it with {@code mapHttpMessageFormUrlEncodedBody=true};</li>
 * <li>a client's credentials and cookies never copied back into an answer: camel-http returns the request's headers
 * with the response unless filtered.</li>
 * </ul>
 */
public class ViewerJettyComponent extends JettyHttpComponent12 {

    /** Request headers that must not travel back to the client in the answer. */
    private static final String[] PRIVATE_HEADERS = {"authorization", "proxy-authorization", "cookie"};

    @Metadata(defaultValue = "1024", description = "Connections the listening socket queues before they are"
            + " accepted; the kernel caps it at net.core.somaxconn.")
    private int acceptQueueSize = 1024;

    public ViewerJettyComponent() {
        HttpHeaderFilterStrategy headers = new HttpHeaderFilterStrategy();
        for (String name : PRIVATE_HEADERS) {
            headers.getOutFilter().add(name);
        }
        setHeaderFilterStrategy(headers);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        parameters.putIfAbsent("mapHttpMessageFormUrlEncodedBody", false);
        return super.createEndpoint(uri, remaining, parameters);
    }

    @Override
    protected AbstractConnector createConnectorJettyInternal(Server server, JettyHttpEndpoint endpoint,
            SslContextFactory.Server ssl) {
        AbstractConnector connector = super.createConnectorJettyInternal(server, endpoint, ssl);
        if (connector instanceof ServerConnector serverConnector) {
            serverConnector.setAcceptQueueSize(acceptQueueSize);
        }
        return connector;
    }

    public int getAcceptQueueSize() {
        return acceptQueueSize;
    }

    public void setAcceptQueueSize(int acceptQueueSize) {
        this.acceptQueueSize = acceptQueueSize;
    }
}
