package org.camrelay.component.vbc10.control;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One datagram of a Canon camera's native control port (65311), as the reverse-engineered VB-C50i driver frames it:
 * 16 bytes, big-endian, plus 4*N more: bytes 0-1 the count N of extra 32-bit words, bytes 2-4 zero, byte 5 the
 * command, bytes 6-7 a status ({@code 0x8000} query, {@code 0x0000} set), then the payload from byte 8 on, padded with
 * zeros. Replies carry the command byte of the request.
 *
 * @param command the command byte, e.g. {@link #CONTROL}
 * @param status  the status word
 * @param payload bytes 8 and on as sent (the padding included when decoded)
 */
record ControlDatagram(int command, int status, byte[] payload) {

    /** The size of a datagram without extra words. */
    static final int BASE_LENGTH = 16;
    /** The most extra 32-bit words a datagram may announce; more means the stream is not what we think it is. */
    static final int MAX_EXTRA_WORDS = 1000;

    /** Take control (status {@link #TAKE}) or give it back (status {@link #GIVE_BACK}) [guess]. */
    static final int CONTROL = 0x21;
    /** Position: query (status {@link #QUERY}), absolute move (status {@link #MOVE_TO}), and unsolicited updates. */
    static final int POSITION = 0x33;
    /** Continuous pan/tilt: one byte of direction bits, none to stop. */
    static final int PAN_TILT = 0x3C;
    /** Continuous zoom: 1 tele, 2 wide, none to stop. */
    static final int ZOOM = 0x3D;

    static final int QUERY = 0x8000;
    static final int SET = 0x0000;
    static final int TAKE = 0x0001;
    static final int GIVE_BACK = 0x0000;
    static final int MOVE_TO = 0x00E0;

    ControlDatagram {
        if (command < 0 || command > 0xFF) {
            throw new IllegalArgumentException("command must be a byte, was " + command);
        }
        if (status < 0 || status > 0xFFFF) {
            throw new IllegalArgumentException("status must be 16 bits, was " + status);
        }
        payload = payload == null ? new byte[0] : payload;
        if (payload.length > 8 + 4 * MAX_EXTRA_WORDS) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes is too long");
        }
    }

    static ControlDatagram of(int command, int status, byte... payload) {
        return new ControlDatagram(command, status, payload);
    }

    /** An absolute move: pan, tilt and zoom as signed 16-bit hundredths of a degree, then two zero bytes. */
    static ControlDatagram moveTo(PtzPosition target) {
        byte[] payload = new byte[8];
        putHundredths(payload, 0, target.pan());
        putHundredths(payload, 2, target.tilt());
        putHundredths(payload, 4, target.zoom());
        return new ControlDatagram(POSITION, MOVE_TO, payload);
    }

    /** The direction bits of a continuous pan/tilt move: right 1, left 2, up 4, down 8; 0 for stop. */
    static int directionBits(PtzCommand.PanTilt direction) {
        return switch (direction) {
            case RIGHT -> 1;
            case LEFT -> 2;
            case UP -> 4;
            case DOWN -> 8;
            case UP_RIGHT -> 4 | 1;
            case UP_LEFT -> 4 | 2;
            case DOWN_RIGHT -> 8 | 1;
            case DOWN_LEFT -> 8 | 2;
            case STOP -> 0;
        };
    }

    static ControlDatagram panTilt(PtzCommand.PanTilt direction) {
        int bits = directionBits(direction);
        return bits == 0 ? of(PAN_TILT, SET) : of(PAN_TILT, SET, (byte) bits);
    }

    static ControlDatagram zoom(PtzCommand.Zoom direction) {
        return switch (direction) {
            case TELE -> of(ZOOM, SET, (byte) 1);
            case WIDE -> of(ZOOM, SET, (byte) 2);
            case STOP -> of(ZOOM, SET);
        };
    }

    /** The position in a {@link #POSITION} datagram's payload, or null when it carries none. */
    PtzPosition position(boolean backLight) {
        if (command != POSITION || payload.length < 6) {
            return null;
        }
        return PtzPosition.ofHundredths(signed16(0), signed16(2), signed16(4), backLight);
    }

    /** Parses a datagram from hex (as the controlLogin option gives them); the length must match bytes 0-1. */
    static ControlDatagram parseHex(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex.trim());
        if (bytes.length < BASE_LENGTH) {
            throw new IllegalArgumentException("a datagram has at least 16 bytes, this has " + bytes.length);
        }
        int extra = ((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF);
        if (extra > MAX_EXTRA_WORDS || bytes.length != BASE_LENGTH + 4 * extra) {
            throw new IllegalArgumentException("bytes 0-1 announce " + extra + " extra words, so "
                    + (BASE_LENGTH + 4L * extra) + " bytes, but there are " + bytes.length);
        }
        return new ControlDatagram(bytes[5] & 0xFF, ((bytes[6] & 0xFF) << 8) | (bytes[7] & 0xFF),
                Arrays.copyOfRange(bytes, 8, bytes.length));
    }

    /** The datagram's bytes on the wire. */
    byte[] toBytes() {
        int padded = (payload.length + 3) / 4 * 4;
        int length = Math.max(BASE_LENGTH, 8 + padded);
        byte[] bytes = new byte[length];
        int extra = (length - BASE_LENGTH) / 4;
        bytes[0] = (byte) (extra >> 8);
        bytes[1] = (byte) extra;
        bytes[5] = (byte) command;
        bytes[6] = (byte) (status >> 8);
        bytes[7] = (byte) status;
        System.arraycopy(payload, 0, bytes, 8, payload.length);
        return bytes;
    }

    private int signed16(int offset) {
        return (short) (((payload[offset] & 0xFF) << 8) | (payload[offset + 1] & 0xFF));
    }

    private static void putHundredths(byte[] payload, int offset, double degrees) {
        int value = Queued.hundredths(degrees);
        if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
            throw new IllegalArgumentException(degrees + " degrees do not fit the native protocol's 16 bits");
        }
        payload[offset] = (byte) (value >> 8);
        payload[offset + 1] = (byte) value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ControlDatagram datagram && command == datagram.command && status == datagram.status
               && Arrays.equals(payload, datagram.payload);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * command + status) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return String.format("ControlDatagram[0x%02X, status 0x%04X, %s]", command, status,
                HexFormat.of().withUpperCase().formatHex(payload));
    }
}
