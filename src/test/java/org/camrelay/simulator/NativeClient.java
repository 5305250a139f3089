package org.camrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A raw socket speaking the native protocol, in either dialect, as the relay would. */
final class NativeClient implements AutoCloseable {

    static final byte[] HANDSHAKE = {0x0A, 0x0A, 0x0A, 0x0A};
    static final byte[] REPLY = {'1', '0', '0', '\r', '\n'};
    static final byte[] REQUEST = {0x0A};
    /** The login line of the ROS driver canon_vbc50i, with its 0x0A. */
    static final byte[] LOGIN = {'S', 'U', 'P', 'E', 'R', ' ', 'r', 0x10, 0x10, 0x0b, 0x45, 0x29, 0x3d, 0x52, 0x3c,
            0x4a, 0x4f, 0x16, 0x0A};

    /** A videogram as read from the simulator. */
    record Videogram(int type, byte[] header, byte[] payload) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final NativeDialect dialect;

    /** Connects without saying anything, to speak the videogram dialect. */
    NativeClient(int port) throws IOException {
        this(port, NativeDialect.VIDEOGRAM);
    }

    NativeClient(int port, NativeDialect dialect) throws IOException {
        this.dialect = dialect;
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true); // so that split writes really travel split
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Connects and goes through the start sequence of the default dialect, videogram. */
    static NativeClient connected(int port) throws IOException {
        return connected(port, NativeDialect.VIDEOGRAM);
    }

    /** Connects and completes the dialect's start: the default handshake, or the ROS driver's start sequence. */
    static NativeClient connected(int port, NativeDialect dialect) throws IOException {
        NativeClient client = new NativeClient(port, dialect);
        if (dialect == NativeDialect.SIMPLE) {
            client.send(HANDSHAKE);
            assertThat(client.read(REPLY.length)).isEqualTo(REPLY);
        } else {
            client.line("VERSION");
            assertThat(client.readToNul()).isNotEmpty();
            client.send(LOGIN);
            client.line("SET Mode Administrator");
            client.line("GET MUXCONF");
            assertThat(client.readToNul()).isNotEmpty();
            client.line("START");
        }
        return client;
    }

    /** A videogram: header and payload. */
    static byte[] videogram(int type, byte... payload) {
        byte[] bytes = new byte[8 + payload.length];
        System.arraycopy(VideogramCameraHandler.header(type, payload.length), 0, bytes, 0, 8);
        System.arraycopy(payload, 0, bytes, 8, payload.length);
        return bytes;
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends a command line, ended by 0x0A. */
    void line(String command) throws IOException {
        send((command + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Asks for one frame: the request byte, or an empty type 0x85 videogram. */
    void request() throws IOException {
        send(dialect == NativeDialect.SIMPLE ? REQUEST : videogram(VideogramCameraHandler.FRAME_REQUEST));
    }

    /** Reads a frame of {@code length} bytes: raw, or as the payload of a type 0x02 videogram. */
    byte[] readFrame(int length) throws IOException {
        if (dialect == NativeDialect.SIMPLE) {
            return read(length);
        }
        Videogram frame = readVideogram();
        assertThat(frame.type()).as("videogram type").isEqualTo(VideogramCameraHandler.FRAME);
        assertThat(frame.payload()).as("payload length").hasSize(length);
        return frame.payload();
    }

    Videogram readVideogram() throws IOException {
        byte[] header = read(8);
        int length = (header[4] & 0xFF) << 24 | (header[5] & 0xFF) << 16 | (header[6] & 0xFF) << 8 | header[7] & 0xFF;
        assertThat(length).as("payload length").isBetween(0, 64 << 20);
        return new Videogram(header[0] & 0xFF, header, read(length));
    }

    /** The bytes up to a NUL, which is read but not returned. */
    String readToNul() throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        for (int b = in.read(); b != 0; b = in.read()) {
            assertThat(b).as("a NUL before the end of the stream").isNotNegative();
            text.write(b);
        }
        return text.toString(StandardCharsets.ISO_8859_1);
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
