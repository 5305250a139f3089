package org.camrelay.simulator;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/** Builds the broken and odd byte sequences behind {@link SimulatorFaults}. */
final class JpegFaults {

    /** APP15: no decoder or camera client gives it a meaning, so it is skipped like a comment. */
    private static final int PADDING_MARKER = 0xEF;
    /** A segment's length field counts itself, and is 16 bits. */
    private static final int MAX_SEGMENT_PAYLOAD = 0xFFFF - 2;
    private static final int SEGMENT_OVERHEAD = 4;

    private JpegFaults() {
    }

    /**
     * The first half of the picture: its headers and part of the scan, without the end-of-image marker. It never
     * ends in 0xFF: a dangling marker prefix would join whatever follows on the wire (the next frame's SOI, a
     * boundary) into a marker the picture never had, so the damage would depend on chance.
     */
    static byte[] truncate(byte[] jpeg) {
        int end = jpeg.length / 2;
        while (end > 2 && (jpeg[end - 1] & 0xFF) == 0xFF) {
            end--;
        }
        return Arrays.copyOf(jpeg, end);
    }

    /**
     * The picture with zero-filled APP15 segments inserted after the JFIF header, at least {@code minBytes}
     * long. Zeros rather than random payload, so that clients scanning for markers are not misled: the
     * point is the size.
     */
    static byte[] pad(byte[] jpeg, int minBytes) {
        int missing = minBytes - jpeg.length;
        if (missing <= 0) {
            return jpeg;
        }
        int segments = (missing + MAX_SEGMENT_PAYLOAD + SEGMENT_OVERHEAD - 1) / (MAX_SEGMENT_PAYLOAD + SEGMENT_OVERHEAD);
        int payload = Math.max(0, missing - segments * SEGMENT_OVERHEAD);
        byte[] padded = new byte[jpeg.length + segments * SEGMENT_OVERHEAD + payload];
        int insertAt = afterApp0(jpeg);
        System.arraycopy(jpeg, 0, padded, 0, insertAt);
        int at = insertAt;
        for (int i = 0; i < segments; i++) {
            int size = Math.min(payload, MAX_SEGMENT_PAYLOAD);
            payload -= size;
            int length = size + 2;
            padded[at] = (byte) 0xFF;
            padded[at + 1] = (byte) PADDING_MARKER;
            padded[at + 2] = (byte) (length >> 8);
            padded[at + 3] = (byte) length;
            at += SEGMENT_OVERHEAD + size; // the payload is already zero
        }
        System.arraycopy(jpeg, insertAt, padded, at, jpeg.length - insertAt);
        return padded;
    }

    /** Random bytes without 0xFF, so that no JPEG marker can start among them. */
    static byte[] noise(int length) {
        byte[] noise = new byte[length];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < length; i++) {
            noise[i] = (byte) random.nextInt(0xFF);
        }
        return noise;
    }

    /** JFIF requires APP0 right after the start-of-image marker, so padding goes behind it. */
    private static int afterApp0(byte[] jpeg) {
        boolean app0First = jpeg.length > 6 && (jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0;
        return app0First ? 4 + ((jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF)) : 2;
    }
}
