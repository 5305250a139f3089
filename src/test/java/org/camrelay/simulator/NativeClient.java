package org.camrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A raw socket speaking the native protocol, as the relay would. */
final class NativeClient implements AutoCloseable {

    static final byte[] HANDSHAKE = {0x0A, 0x0A, 0x0A, 0x0A};
    static final byte[] REPLY = {'1', '0', '0', '\r', '\n'};
    static final byte[] REQUEST = {0x0A};

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    NativeClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true); // so that split writes really travel split
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Connects and completes the default handshake. */
    static NativeClient connected(int port) throws IOException {
        NativeClient client = new NativeClient(port);
        client.send(HANDSHAKE);
        assertThat(client.read(REPLY.length)).isEqualTo(REPLY);
        return client;
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void request() throws IOException {
        send(REQUEST);
    }

    byte[] read(int length) throws IOException {
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    /** Whether the simulator closed the connection, waiting for that up to the socket timeout. */
    boolean seesEndOfStream() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** Whether nothing at all arrives within the given time. */
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
