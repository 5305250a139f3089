package org.camrelay.bench.stream;

import java.io.IOException;
import java.net.ProtocolException;

/**
 * A viewer of an MJPEG stream that parses the multipart parts strictly, with the boundary its Content-Type names,
 * and keeps every JPEG.
 */
public final class MjpegViewer extends StreamViewer<MjpegParser.Frame> {

    private MjpegViewer(String host, int port, String path) {
        super(host, port, path);
    }

    public static MjpegViewer open(String host, int port, String path) throws IOException {
        return started(new MjpegViewer(host, port, path));
    }

    @Override
    protected BodyParser body(HttpResponseParser head) throws ProtocolException {
        return MjpegParser.keeping(head.boundary(), this::received);
    }
}
