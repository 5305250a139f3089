package org.camrelay.simulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the native video port in the videogram dialect, the VB-C50i protocol as the ROS driver
 * {@code canon_vbc50i} speaks it.
 *
 * <p>First the client sends ASCII lines, each ended by 0x0A:
 * <ul>
 *   <li>{@code VERSION} is answered with a line of text and a NUL byte, at any time before {@code START};</li>
 *   <li>the login line, whatever it holds, is accepted without an answer, as are {@code SET ...} lines after it;</li>
 *   <li>{@code GET MUXCONF} is answered with text and a NUL byte;</li>
 *   <li>{@code START} switches to videograms.</li>
 * </ul>
 * [guess] What a camera does with anything else is not known. This simulator takes the first line that is none of
 * {@code VERSION}, {@code SET}, {@code GET} or {@code START} as the login (the login command and the encoding of its
 * credentials are not public), ignores empty lines, and closes the connection on {@code SET}, {@code GET} or
 * {@code START} before the login, on any other {@code GET} than {@code MUXCONF}, on a second unknown line, and on a
 * line longer than 1024 bytes. Nothing is sent unasked after {@code START}.
 *
 * <p>Then videograms: an 8-byte header (type, three bytes the simulator ignores, the payload length as a big-endian
 * 32-bit number) and the payload. An empty type 0x85 is answered by exactly one type 0x02 holding the current picture;
 * type 0x88 with width and height as big-endian 16-bit numbers sets the picture size to the nearest a VB-C10 has
 * (160x120, 320x240, 640x480); other types are ignored. A videogram announcing more than 1000 bytes closes the
 * connection: a client sends nothing that long.
 *
 * <p>The faults take videogram form: garbage is videograms of type {@value #NOISE_TYPE}, no more than 1000 bytes each,
 * before the frame's videogram; a truncated or oversized JPEG travels in a correctly framed type 0x02 videogram.
 * As in the simple dialect, requests that arrive while the client is not reading are counted and answered once it
 * reads again.
 */
final class VideogramCameraHandler extends ByteToMessageDecoder {

    static final int FRAME = 0x02;
    static final int FRAME_REQUEST = 0x85;
    static final int IMAGE_SIZE = 0x88;
    /** [guess] A type the ROS driver never met, for garbage: a client must skip videograms it does not know. */
    static final int NOISE_TYPE = 0x7E;
    static final int HEADER_LENGTH = 8;
    static final int MAX_CONTROL_PAYLOAD = 1000;
    /** [guess] The texts of the replies; a real camera's are not known. */
    static final String VERSION_REPLY = "Canon VB-C10 (camrelay simulator), native video, videogram dialect";
    static final String MUXCONF_REPLY = "MUXCONF video=jpeg sizes=160x120,320x240,640x480";
    /** The sizes a VB-C10 has. */
    static final List<FrameSize> SIZES = List.of(new FrameSize(160, 120), new FrameSize(320, 240),
            new FrameSize(640, 480));

    private static final Logger LOG = LoggerFactory.getLogger(VideogramCameraHandler.class);
    private static final int MAX_LINE = 1024;
    private static final byte LINE_END = 0x0A;

    private final String simulator;
    private final FrameWriter writer;
    private final FrameWriter.Framing framing = VideogramCameraHandler::frame;
    private FrameSize size;
    private boolean loggedIn;
    private boolean started;
    private boolean closing;
    private long pendingRequests;

    VideogramCameraHandler(String simulator, FrameWriter writer, FrameSize size) {
        this.simulator = simulator;
        this.writer = writer;
        this.size = size;
    }

    /** The VB-C10 size nearest to the one asked for. */
    static FrameSize nearestSize(int width, int height) {
        FrameSize nearest = SIZES.get(0);
        for (FrameSize candidate : SIZES) {
            if (distance(candidate, width, height) < distance(nearest, width, height)) {
                nearest = candidate;
            }
        }
        return nearest;
    }

    /** A videogram's header for a payload of {@code length} bytes. */
    static byte[] header(int type, int length) {
        return new byte[] {(byte) type, 0, 0, 0, (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8),
                (byte) length};
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!closing && in.isReadable() && (started ? videogram(ctx, in) : line(ctx, in))) {
            // one line or videogram at a time
        }
        if (closing) {
            in.skipBytes(in.readableBytes());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        answerPendingRequests();
        super.channelReadComplete(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        answerPendingRequests();
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{}: native connection #{} failed", simulator, writer.connectionId(), cause);
        ctx.close();
    }

    /** Takes one line if a whole one has come. */
    private boolean line(ChannelHandlerContext ctx, ByteBuf in) {
        int end = in.indexOf(in.readerIndex(), in.writerIndex(), LINE_END);
        if (end < 0) {
            if (in.readableBytes() > MAX_LINE) {
                reject(ctx, "a line longer than " + MAX_LINE + " bytes");
            }
            return false;
        }
        int length = end - in.readerIndex();
        if (length > MAX_LINE) {
            reject(ctx, "a line longer than " + MAX_LINE + " bytes");
            return false;
        }
        String line = in.readCharSequence(length, StandardCharsets.ISO_8859_1).toString();
        in.skipBytes(1);
        onLine(ctx, line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        return true;
    }

    private void onLine(ChannelHandlerContext ctx, String line) {
        String command = line.indexOf(' ') < 0 ? line : line.substring(0, line.indexOf(' '));
        switch (command) {
            case "" -> {
                // an empty line
            }
            case "VERSION" -> reply(ctx, VERSION_REPLY);
            case "SET", "GET", "START" -> {
                if (!loggedIn) {
                    reject(ctx, command + " before the login");
                } else if (command.equals("SET")) {
                    LOG.debug("{}: native connection #{}: {}", simulator, writer.connectionId(), line);
                } else if (command.equals("START")) {
                    started = true;
                    LOG.debug("{}: native connection #{} started video", simulator, writer.connectionId());
                } else if (line.equals("GET MUXCONF")) {
                    reply(ctx, MUXCONF_REPLY);
                } else {
                    reject(ctx, "GET of an unknown parameter");
                }
            }
            default -> {
                if (loggedIn) {
                    reject(ctx, "an unknown command " + printable(command));
                } else {
                    loggedIn = true; // the login line: never logged, it holds credentials
                    LOG.debug("{}: native connection #{} logged in", simulator, writer.connectionId());
                }
            }
        }
    }

    /** Takes one videogram if a whole one has come. */
    private boolean videogram(ChannelHandlerContext ctx, ByteBuf in) {
        if (in.readableBytes() < HEADER_LENGTH) {
            return false;
        }
        int at = in.readerIndex();
        int type = in.getUnsignedByte(at);
        long length = in.getUnsignedInt(at + 4);
        if (length > MAX_CONTROL_PAYLOAD) {
            reject(ctx, String.format("a videogram of type 0x%02X announcing %d bytes", type, length));
            return false;
        }
        if (in.readableBytes() < HEADER_LENGTH + length) {
            return false;
        }
        in.skipBytes(HEADER_LENGTH);
        ByteBuf payload = in.readSlice((int) length);
        if (type == FRAME_REQUEST) {
            pendingRequests++;
        } else if (type == IMAGE_SIZE && length == 4) {
            size = nearestSize(payload.getUnsignedShort(0), payload.getUnsignedShort(2));
            LOG.debug("{}: native connection #{} asked for {}x{}, gets {}", simulator, writer.connectionId(),
                    payload.getUnsignedShort(0), payload.getUnsignedShort(2), size);
        } else {
            LOG.debug("{}: native connection #{} sent a videogram of type 0x{} and {} bytes; ignored", simulator,
                    writer.connectionId(), Integer.toHexString(type), length);
        }
        return true;
    }

    /** A stalled simulator takes the requests too, and ignores them. */
    private void answerPendingRequests() {
        while (pendingRequests > 0 && writer.isWritable()) {
            pendingRequests--;
            writer.send(size, framing);
        }
    }

    private static Object frame(byte[] noise, byte[] jpeg) {
        ByteBuf frame = Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(header(FRAME, jpeg.length)),
                Unpooled.wrappedBuffer(jpeg));
        if (noise.length == 0) {
            return frame;
        }
        int videograms = (noise.length + MAX_CONTROL_PAYLOAD - 1) / MAX_CONTROL_PAYLOAD;
        ByteBuf noiseVideograms = Unpooled.buffer(noise.length + HEADER_LENGTH * videograms);
        for (int from = 0; from < noise.length; from += MAX_CONTROL_PAYLOAD) {
            int length = Math.min(MAX_CONTROL_PAYLOAD, noise.length - from);
            noiseVideograms.writeBytes(header(NOISE_TYPE, length)).writeBytes(noise, from, length);
        }
        return Unpooled.wrappedBuffer(noiseVideograms, frame);
    }

    private void reply(ChannelHandlerContext ctx, String text) {
        byte[] bytes = (text + '\0').getBytes(StandardCharsets.US_ASCII);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }

    private void reject(ChannelHandlerContext ctx, String what) {
        LOG.warn("{}: native connection #{} from {} sent {}; closing", simulator, writer.connectionId(),
                ctx.channel().remoteAddress(), what);
        closing = true;
        pendingRequests = 0;
        ctx.close();
    }

    private static int distance(FrameSize size, int width, int height) {
        return Math.abs(size.width() - width) + Math.abs(size.height() - height);
    }

    /** At most 32 printable characters of what a client sent, fit for a log line. */
    private static String printable(String text) {
        StringBuilder shown = new StringBuilder("'");
        for (int i = 0; i < text.length() && i < 32; i++) {
            char c = text.charAt(i);
            shown.append(c >= 0x20 && c < 0x7F ? c : '.');
        }
        return shown.append(text.length() > 32 ? "...'" : "'").toString();
    }
}
