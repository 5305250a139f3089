package org.camrelay.bench;

import java.net.ProtocolException;
import java.nio.ByteBuffer;

/** Parses a response body incrementally, from bytes split anywhere, without keeping them. */
interface BodyParser {

    /** Consumes every remaining byte of {@code bytes}. */
    void parse(ByteBuffer bytes) throws ProtocolException;
}
