package org.camrelay.bench.stream;

import java.net.ProtocolException;
import java.nio.ByteBuffer;

/** Parses a response body incrementally, from bytes split anywhere. */
public interface BodyParser {

    /** Consumes every remaining byte of {@code bytes}. */
    void parse(ByteBuffer bytes) throws ProtocolException;
}
