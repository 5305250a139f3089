package org.camrelay.simulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the native control port (65311), as CANON-PROTOCOLS section 3 and the ROS driver
 * {@code canon_vbc50i} (Datagram.cpp, CanonDriver.cpp) describe it: big-endian datagrams of 16 bytes plus 4*N,
 * where bytes 0-1 are N, byte 5 the command, bytes 6-7 a status and the payload starts at byte 8. Every request
 * gets a reply with the same command byte.
 *
 * <ul>
 * <li>{@code 0x21} status {@code 0x0001} asks for the camera's control slot, the same one WebView sessions use;
 *     status {@code 0x0000} gives it back (or leaves the queue). The connection is a general client (priority 0),
 *     so the control time limit applies to it.</li>
 * <li>{@code 0x33} status {@code 0x8000} asks for the position; status {@code 0x00E0} moves to the absolute
 *     position in the payload (pan, tilt, zoom: signed 16-bit hundredths of a degree). The status bits 0x80, 0x40
 *     and 0x20 select pan, tilt and zoom [guess: the ROS driver always sends all three].</li>
 * <li>{@code 0x3C} moves continuously (payload byte: 1 right, 2 left, 4 up, 8 down, or'ed; 0 stops);
 *     {@code 0x3D} zooms (1 tele, 2 wide, 0 stops).</li>
 * <li>{@code 0x3B} sets speeds (payload: pan, tilt, zoom as unsigned 16-bit, then a mask 0x8000 pan, 0x4000 tilt,
 *     0x2000 zoom), status {@code 0x8000} reads them. Pan and tilt count hundredths of a degree per second, zoom
 *     steps 0 to 7 of the full zoom speed [guess: the units are not published].</li>
 * <li>When the head comes to rest, every control connection gets a {@code 0x33} datagram with the position.</li>
 * <li>Any other command (a login sequence, for instance) is answered with status 0 and otherwise ignored; a length
 *     over 1000 words closes the connection.</li>
 * </ul>
 *
 * The replies' status codes are our [guess], modelled on the WebView codes: {@link #OK}, {@link #WAITING},
 * {@link #REVOKED}, {@link #REFUSED}, {@link #NO_CONTROL}, {@link #OUT_OF_RANGE}. A grant or wait carries the
 * time limit or expected wait in milliseconds as an unsigned 32-bit payload (0 for none or unknown); control
 * granted later, or taken away, comes as an unsolicited {@code 0x21} datagram.
 */
final class NativeControlHandler extends ByteToMessageDecoder implements ControlClient {

    static final int TAKE_CONTROL = 0x21;
    static final int POSITION = 0x33;
    static final int SPEEDS = 0x3B;
    static final int MOVE = 0x3C;
    static final int ZOOM = 0x3D;

    /** Success; for {@link #TAKE_CONTROL}: control granted. */
    static final int OK = 0x0000;
    /** {@link #TAKE_CONTROL}: queued behind another client. */
    static final int WAITING = 0x0033;
    /** {@link #TAKE_CONTROL}, unsolicited: control taken away or given up. */
    static final int REVOKED = 0x0032;
    /** {@link #TAKE_CONTROL}: control is disabled. */
    static final int REFUSED = 0x0034;
    /** A command that needs control, from a connection without it. */
    static final int NO_CONTROL = 0x0301;
    /** A move outside the control limits; nothing moved. */
    static final int OUT_OF_RANGE = 0x0403;

    static final int QUERY = 0x8000;
    static final int MAX_WORDS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(NativeControlHandler.class);
    private static final int HEADER = 16;
    private static final int MAX_ZOOM_STEP = 7;

    private final String camera;
    private final long connectionId;
    private final CameraHead head;
    private final Set<NativeControlHandler> connections;
    private Channel channel;
    // per connection, set by 0x3B; read on the event loop only
    private int panSpeed;
    private int tiltSpeed;
    private int zoomSpeed;

    /** @param connections every open control connection, told when the head comes to rest */
    NativeControlHandler(String camera, long connectionId, CameraHead head, Set<NativeControlHandler> connections) {
        this.camera = camera;
        this.connectionId = connectionId;
        this.head = head;
        this.connections = connections;
        CameraHead.Speeds max = head.maxSpeeds();
        panSpeed = max.pan();
        tiltSpeed = max.tilt();
        zoomSpeed = max.zoom();
    }

    /** The listener that sends every control connection the position when the head comes to rest. */
    static CameraHead.StopListener restListener(Set<NativeControlHandler> connections) {
        return (position, mover) -> {
            for (NativeControlHandler connection : connections) {
                connection.send(POSITION, OK, position(position));
            }
        };
    }

    static Set<NativeControlHandler> registry() {
        return new CopyOnWriteArraySet<>();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        connections.add(this);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        connections.remove(this);
        head.control().leave(this);
        super.channelInactive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 2) {
            int words = in.getUnsignedShort(in.readerIndex());
            if (words > MAX_WORDS) {
                LOG.warn("{}: native control connection #{} announced {} words; closing", camera, connectionId, words);
                in.skipBytes(in.readableBytes());
                ctx.close();
                return;
            }
            int length = HEADER + 4 * words;
            if (in.readableBytes() < length) {
                return;
            }
            ByteBuf datagram = in.readSlice(length);
            handle(datagram.getUnsignedByte(5), datagram.getUnsignedShort(6), datagram.slice(8, length - 8));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{}: native control connection #{} failed", camera, connectionId, cause);
        ctx.close();
    }

    private void handle(int command, int status, ByteBuf payload) {
        switch (command) {
            case TAKE_CONTROL -> takeControl(status);
            case POSITION -> position(status, payload);
            case MOVE -> continuous(payload.getUnsignedByte(0));
            case ZOOM -> zoom(payload.getUnsignedByte(0));
            case SPEEDS -> speeds(status, payload);
            default -> send(command, OK, new byte[0]);
        }
    }

    private void takeControl(int status) {
        if (status == 0x0001) {
            head.control().request(this); // the callbacks below answer
        } else {
            head.control().release(this);
            send(TAKE_CONTROL, OK, new byte[0]);
        }
    }

    private void position(int status, ByteBuf payload) {
        if ((status & QUERY) != 0) {
            send(POSITION, OK, position(head.position()));
            return;
        }
        if (!head.control().holds(this)) {
            send(POSITION, NO_CONTROL, position(head.position()));
            return;
        }
        short panValue = payload.getShort(0);
        short tiltValue = payload.getShort(2);
        short zoomValue = payload.getShort(4);
        boolean panGiven = (status & 0x80) != 0;
        boolean tiltGiven = (status & 0x40) != 0;
        boolean zoomGiven = (status & 0x20) != 0;
        HeadLimits limits = head.limits();
        if (panGiven && !limits.panWithin(panValue) || tiltGiven && !limits.tiltWithin(tiltValue)
                || zoomGiven && !limits.zoomWithin(zoomValue)) {
            send(POSITION, OUT_OF_RANGE, position(head.position()));
            return;
        }
        // the reply goes first: the head may come to rest at once, and that 0x33 follows the reply
        send(POSITION, OK, new byte[] {payload.getByte(0), payload.getByte(1), payload.getByte(2),
                payload.getByte(3), payload.getByte(4), payload.getByte(5), 0, 0});
        head.move(this, panGiven ? new CameraHead.AxisMove(panValue, false, panSpeed) : null,
                tiltGiven ? new CameraHead.AxisMove(tiltValue, false, tiltSpeed) : null,
                zoomGiven ? new CameraHead.AxisMove(zoomValue, false, zoomSpeed) : null, null);
    }

    private void continuous(int directions) {
        if (!head.control().holds(this)) {
            send(MOVE, NO_CONTROL, new byte[0]);
            return;
        }
        int pan = direction(directions & 1, directions & 2);
        int tilt = direction(directions & 4, directions & 8);
        send(MOVE, OK, new byte[0]);
        head.moveContinuously(this, pan, tilt, null, new CameraHead.Speeds(panSpeed, tiltSpeed, zoomSpeed));
    }

    private void zoom(int direction) {
        if (!head.control().holds(this)) {
            send(ZOOM, NO_CONTROL, new byte[0]);
            return;
        }
        int zoom = direction == 1 ? -1 : direction == 2 ? 1 : 0;
        send(ZOOM, OK, new byte[0]);
        head.moveContinuously(this, null, null, zoom, new CameraHead.Speeds(panSpeed, tiltSpeed, zoomSpeed));
    }

    private void speeds(int status, ByteBuf payload) {
        CameraHead.Speeds max = head.maxSpeeds();
        if ((status & QUERY) == 0) {
            int mask = payload.getUnsignedShort(6);
            if ((mask & 0x8000) != 0) {
                panSpeed = bounded(payload.getUnsignedShort(0), max.pan());
            }
            if ((mask & 0x4000) != 0) {
                tiltSpeed = bounded(payload.getUnsignedShort(2), max.tilt());
            }
            if ((mask & 0x2000) != 0) {
                int step = Math.min(MAX_ZOOM_STEP, payload.getUnsignedShort(4));
                zoomSpeed = Math.max(1, max.zoom() * (step + 1) / (MAX_ZOOM_STEP + 1));
            }
        }
        int step = Math.max(0, zoomSpeed * (MAX_ZOOM_STEP + 1) / max.zoom() - 1);
        int pan = Math.min(0xFFFF, panSpeed);
        int tilt = Math.min(0xFFFF, tiltSpeed);
        send(SPEEDS, OK, new byte[] {(byte) (pan >> 8), (byte) pan, (byte) (tilt >> 8), (byte) tilt, 0, (byte) step,
                (byte) 0xE0, 0});
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public String label() {
        return "native control connection #" + connectionId;
    }

    @Override
    public void controlGranted(long timeLimitMillis) {
        send(TAKE_CONTROL, OK, millis(timeLimitMillis));
    }

    @Override
    public void controlWaiting(long waitMillis) {
        send(TAKE_CONTROL, WAITING, millis(waitMillis));
    }

    @Override
    public void controlRevoked() {
        send(TAKE_CONTROL, REVOKED, new byte[0]);
    }

    @Override
    public void controlRefused() {
        send(TAKE_CONTROL, REFUSED, new byte[0]);
    }

    /** Writes a datagram; thread-safe. Payloads up to 8 bytes fit the 16 bytes of a datagram without extra words. */
    void send(int command, int status, byte[] payload) {
        int words = Math.max(0, (payload.length - 8 + 3) / 4);
        ByteBuf datagram = Unpooled.buffer(HEADER + 4 * words);
        datagram.writeShort(words).writeZero(3).writeByte(command).writeShort(status).writeBytes(payload);
        datagram.writeZero(HEADER + 4 * words - datagram.writerIndex());
        Channel out = channel;
        if (out != null) {
            out.writeAndFlush(datagram);
        } else {
            datagram.release();
        }
    }

    /** The 8 payload bytes of a position: pan, tilt, zoom as signed 16-bit hundredths, then zero. */
    static byte[] position(HeadPosition position) {
        return new byte[] {(byte) (position.pan() >> 8), (byte) position.pan(), (byte) (position.tilt() >> 8),
                (byte) position.tilt(), (byte) (position.zoom() >> 8), (byte) position.zoom(), 0, 0};
    }

    private static byte[] millis(long millis) {
        long value = Math.min(0xFFFFFFFFL, millis);
        return new byte[] {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value};
    }

    private static int direction(int positive, int negative) {
        return positive != 0 && negative == 0 ? 1 : negative != 0 && positive == 0 ? -1 : 0;
    }

    private static int bounded(int speed, int max) {
        return Math.max(1, Math.min(max, speed));
    }
}
