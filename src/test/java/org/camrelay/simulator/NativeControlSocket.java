package org.camrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/** A raw socket to the native control port, speaking its 16-byte datagrams. */
final class NativeControlSocket implements AutoCloseable {

    /** One datagram as received: the command byte, the status and the payload from byte 8. */
    record Datagram(int command, int status, byte[] payload) {

        short shortAt(int offset) {
            return ByteBuffer.wrap(payload).getShort(offset);
        }

        long unsignedIntAt(int offset) {
            return ByteBuffer.wrap(payload).getInt(offset) & 0xFFFFFFFFL;
        }

        /** The position payload of a 0x33 datagram. */
        HeadPosition position() {
            return new HeadPosition(shortAt(0), shortAt(2), shortAt(4), false);
        }

        @Override
        public String toString() {
            return String.format("command 0x%02X status 0x%04X payload %s", command, status,
                    HexFormat.of().formatHex(payload));
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    NativeControlSocket(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends a datagram with up to 8 payload bytes. */
    void send(int command, int status, int... payload) throws IOException {
        byte[] datagram = new byte[16];
        datagram[5] = (byte) command;
        datagram[6] = (byte) (status >> 8);
        datagram[7] = (byte) status;
        for (int i = 0; i < payload.length; i++) {
            datagram[8 + i] = (byte) payload[i];
        }
        sendRaw(datagram);
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends a move to an absolute position, status 0x00E0. */
    void moveTo(int pan, int tilt, int zoom) throws IOException {
        send(0x33, 0x00E0, pan >> 8 & 0xFF, pan & 0xFF, tilt >> 8 & 0xFF, tilt & 0xFF, zoom >> 8 & 0xFF, zoom & 0xFF);
    }

    Datagram read() throws IOException {
        byte[] header = new byte[16];
        in.readFully(header);
        int words = (header[0] & 0xFF) << 8 | header[1] & 0xFF;
        byte[] payload = new byte[8 + 4 * words];
        System.arraycopy(header, 8, payload, 0, 8);
        in.readFully(payload, 8, 4 * words);
        assertThat(header[2] | header[3] | header[4]).as("bytes 2-4 are zero").isZero();
        return new Datagram(header[5] & 0xFF, (header[6] & 0xFF) << 8 | header[7] & 0xFF, payload);
    }

    /** Reads the next datagram and checks its command and status. */
    Datagram expect(int command, int status) throws IOException {
        Datagram datagram = read();
        assertThat(datagram.command()).as("command of %s", datagram).isEqualTo(command);
        assertThat(datagram.status()).as("status of %s", datagram).isEqualTo(status);
        return datagram;
    }

    boolean seesEndOfStream() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    boolean staysSilentFor(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            in.read();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(5000);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
