package org.camrelay.component.live;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The live component's own HTTP server, for a Camel application that has no HTTP port of its own to mount a
 * {@link LiveHttpHandler} on: a Jetty server with one connector, serving {@code /cams/...} exactly as the handler
 * does on the relay's port, and a plain 404 for every other path. Jetty's thread pool and idle timeouts are its
 * defaults, as under camel-jetty; viewers are written to asynchronously, so they cost no thread.
 */
final class LiveHttpServer {

    private final Server server;
    private final ServerConnector connector;

    /**
     * @param acceptQueueSize connections the listening socket queues before they are accepted: when a server restarts,
     *                        every viewer reconnects at once, and the JDK's default of 50 would make the rest retry a
     *                        second later
     */
    LiveHttpServer(StreamRegistry streams, String host, int port, int acceptQueueSize) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("LiveHttpServer");
        server = new Server(threads);
        connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        connector.setAcceptQueueSize(acceptQueueSize);
        server.addConnector(connector);
        LiveHttpHandler live = new LiveHttpHandler(streams);
        live.setHandler(new NotFound());
        server.setHandler(live);
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        server.setErrorHandler(errors);
        // Never-ending viewer responses would hold a graceful stop for its whole timeout: close them at once.
        server.setStopTimeout(0);
    }

    void start() throws Exception {
        server.start();
    }

    void stop() throws Exception {
        server.stop();
    }

    /** The port the server listens on, once started; -1 before. */
    int localPort() {
        return connector.getLocalPort();
    }

    /** The backlog the connector was given, for tests. */
    int acceptQueueSize() {
        return connector.getAcceptQueueSize();
    }

    /** Every path that is not a stream's. */
    private static final class NotFound extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.setStatus(HttpStatus.NOT_FOUND_404);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
            Content.Sink.write(response, true, "nothing here: live streams are served at"
                    + " /cams/{camera}/{stream}.mjpeg, /cams/{camera}/{stream}.flv and /cams/{camera}/snapshot.jpg\n",
                    callback);
            return true;
        }
    }
}
