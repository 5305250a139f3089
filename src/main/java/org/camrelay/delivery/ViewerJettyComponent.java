package org.camrelay.delivery;

import org.apache.camel.component.jetty.JettyHttpEndpoint;
import org.apache.camel.component.jetty12.JettyHttpComponent12;
import org.apache.camel.spi.Metadata;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * camel-jetty's {@code jetty:} component with a listen backlog sized for viewers. When the relay restarts,
 * every viewer reconnects at once; with the JDK's default backlog of 50 the rest lose their first SYN and
 * retry only a second later. camel-jetty 4.18 binds {@code socketConnectorProperties} onto SSL connectors
 * only, hence this subclass.
 */
public class ViewerJettyComponent extends JettyHttpComponent12 {

    @Metadata(defaultValue = "1024", description = "Connections the listening socket queues before they are"
            + " accepted; the kernel caps it at net.core.somaxconn.")
    private int acceptQueueSize = 1024;

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
