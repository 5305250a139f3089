package org.camrelay.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Queue;

import org.camrelay.bench.stream.MjpegParser;
import org.camrelay.bench.stream.MjpegParser.Frame;

/**
 * Reads a {@code multipart/x-mixed-replace} body part by part with the benchmarks' {@link MjpegParser}, keeping
 * whatever lies between parts ({@link Frame#before()}), and never reading past the part it returns: what follows
 * stays in the stream for the test to check.
 */
final class MultipartReader {

    private final InputStream in;
    private final MjpegParser parser;
    private final Queue<Frame> parts = new ArrayDeque<>();
    private final byte[] buffer = new byte[64 * 1024];

    MultipartReader(InputStream in, String contentType) {
        this.in = in;
        String boundary = contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
        parser = MjpegParser.keepingStrayBytes(boundary, parts::add);
    }

    /** The next part, or null if the closing delimiter came; a part must be followed by CRLF. */
    Frame next() throws IOException {
        while (parts.isEmpty() && !parser.closed()) {
            int n = in.read(buffer, 0, Math.min(buffer.length, parser.bytesWanted()));
            if (n < 0) {
                throw new IOException("end of stream before a part");
            }
            parser.parse(ByteBuffer.wrap(buffer, 0, n));
        }
        return parts.poll();
    }
}
