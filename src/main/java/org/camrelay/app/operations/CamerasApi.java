package org.camrelay.app.operations;

import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * Everything under {@code /api/cameras}, on one Jetty consumer (camel-jetty keeps one consumer per path, with or
 * without a trailing slash): the list itself ({@code GET /api/cameras}), and each camera's pan/tilt/zoom below it.
 */
final class CamerasApi extends AsyncProcessorSupport {

    private final AsyncProcessor list;
    private final AsyncProcessor ptz;

    CamerasApi(AsyncProcessor list, AsyncProcessor ptz) {
        this.list = list;
        this.ptz = ptz;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        String path = exchange.getIn().getHeader(Exchange.HTTP_PATH, "", String.class);
        if (!path.isEmpty() && !path.equals("/")) {
            return ptz.process(exchange, callback);
        }
        String method = exchange.getIn().getHeader(Exchange.HTTP_METHOD, "GET", String.class);
        if (method.equals("GET") || method.equals("HEAD")) {
            return list.process(exchange, callback);
        }
        exchange.getMessage().setHeader("Allow", "GET, HEAD");
        ApiAccess.json(exchange, 405, ApiAccess.error(method + " is not supported here"));
        callback.done(true);
        return true;
    }
}
