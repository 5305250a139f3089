package org.camrelay.bench.stream;

import java.io.IOException;

/** A viewer of an HTTP-FLV stream that checks the container as it reads and keeps every tag whole. */
public final class FlvViewer extends StreamViewer<FlvParser.Tag> {

    private volatile FlvParser parser;

    private FlvViewer(String host, int port, String path) {
        super(host, port, path);
    }

    public static FlvViewer open(String host, int port, String path) throws IOException {
        return started(new FlvViewer(host, port, path));
    }

    @Override
    protected BodyParser body(HttpResponseParser head) {
        parser = FlvParser.keeping(this::received);
        return parser;
    }

    /** The FLV file header and PreviousTagSize0, once read; else null. */
    public byte[] fileHeader() {
        FlvParser flv = parser;
        return flv == null ? null : flv.fileHeader();
    }
}
