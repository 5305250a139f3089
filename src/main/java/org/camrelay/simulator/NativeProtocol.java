package org.camrelay.simulator;

import java.nio.charset.StandardCharsets;

/**
 * The byte sequences of the simple dialect of the native video port ({@link NativeDialect#SIMPLE}): the
 * client's handshake, the camera's reply, and the request the client sends for each frame. Copied in, so a
 * caller cannot change them later.
 */
record NativeProtocol(byte[] handshake, byte[] handshakeReply, byte[] frameRequest) {

    static final NativeProtocol VB_C10 = new NativeProtocol(
            new byte[] {0x0A, 0x0A, 0x0A, 0x0A}, "100\r\n".getBytes(StandardCharsets.US_ASCII), new byte[] {0x0A});

    NativeProtocol {
        handshake = requireNotEmpty(handshake, "handshake");
        handshakeReply = requireNotEmpty(handshakeReply, "handshake reply");
        frameRequest = requireNotEmpty(frameRequest, "frame request");
    }

    NativeProtocol withHandshake(byte[] bytes) {
        return new NativeProtocol(bytes, handshakeReply, frameRequest);
    }

    NativeProtocol withHandshakeReply(byte[] bytes) {
        return new NativeProtocol(handshake, bytes, frameRequest);
    }

    NativeProtocol withFrameRequest(byte[] bytes) {
        return new NativeProtocol(handshake, handshakeReply, bytes);
    }

    private static byte[] requireNotEmpty(byte[] bytes, String name) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("the " + name + " must not be empty");
        }
        return bytes.clone();
    }
}
