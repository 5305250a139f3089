package org.camrelay.component.vbc10;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The framing of the videogram dialect of the native video protocol (VB-C50i, reverse-engineered by the ROS driver
 * {@code canon_vbc50i}): an 8-byte header, byte 0 the type, bytes 1-3 zero, bytes 4-7 the payload length as a
 * big-endian unsigned 32-bit number, then the payload.
 */
final class Videogram {

    static final int HEADER_LENGTH = 8;
    /** Camera to client: one JPEG picture. */
    static final int FRAME = 0x02;
    /** Client to camera, empty: send one picture. */
    static final int FRAME_REQUEST = 0x85;
    /** Client to camera, width and height as big-endian 16-bit numbers: the picture size. */
    static final int IMAGE_SIZE = 0x88;
    /** The longest payload of any other type than {@link #FRAME} that the ROS driver accepts. */
    static final int MAX_CONTROL_PAYLOAD = 1000;
    /** The largest width or height that fits the image size videogram. */
    static final int MAX_DIMENSION = 0xFFFF;

    private Videogram() {
    }

    /** A whole videogram, header and payload. */
    static byte[] encode(int type, byte[] payload) {
        byte[] videogram = new byte[HEADER_LENGTH + payload.length];
        videogram[0] = (byte) type;
        int length = payload.length;
        videogram[4] = (byte) (length >>> 24);
        videogram[5] = (byte) (length >>> 16);
        videogram[6] = (byte) (length >>> 8);
        videogram[7] = (byte) length;
        System.arraycopy(payload, 0, videogram, HEADER_LENGTH, length);
        return videogram;
    }

    /** The empty type 0x85 videogram that asks for one frame. */
    static byte[] frameRequest() {
        return encode(FRAME_REQUEST, new byte[0]);
    }

    /** The type 0x88 videogram that sets the picture size. */
    static ByteBuf imageSize(int width, int height) {
        if (width < 1 || height < 1 || width > MAX_DIMENSION || height > MAX_DIMENSION) {
            throw new IllegalArgumentException("an image size videogram holds 1 to 65535 pixels each way, not "
                                               + width + "x" + height);
        }
        byte[] size = { (byte) (width >> 8), (byte) width, (byte) (height >> 8), (byte) height };
        return Unpooled.wrappedBuffer(encode(IMAGE_SIZE, size));
    }
}
