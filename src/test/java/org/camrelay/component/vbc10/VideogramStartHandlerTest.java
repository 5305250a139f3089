package org.camrelay.component.vbc10;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camrelay.component.vbc10.TestJpegs.ascii;
import static org.camrelay.component.vbc10.TestJpegs.concat;
import static org.camrelay.component.vbc10.TestJpegs.slice;

import java.io.ByteArrayOutputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.camrelay.frame.ImageSize;
import org.junit.jupiter.api.Test;

class VideogramStartHandlerTest {

    private static final byte[] LOGIN = HexFormat.of().parseHex("5355504552207210100b45293d523c4a4f16");
    private static final long REPLY_TIMEOUT_MS = 2500;
    private static final byte[] VERSION_REPLY = ascii("VB-C50i/VB-C50iR Ver1.0\0");
    private static final byte[] MUXCONF_REPLY = ascii("MUXCONF stuff\r\nmore stuff\0");
    /** A videogram the camera sends after START unasked: passed on, for the videogram decoder to skip. */
    private static final byte[] FIRST_VIDEOGRAM = Videogram.encode(0x01, ascii("ok"));

    private final List<Object> events = new ArrayList<>();
    private final ByteArrayOutputStream passedOn = new ByteArrayOutputStream();
    private final List<Throwable> failures = new ArrayList<>();

    @Test
    void sendsTheStartSequenceOfTheRosDriverWaitingForEachReplyWhateverPiecesItComesIn() {
        byte[] camera = concat(VERSION_REPLY, MUXCONF_REPLY, FIRST_VIDEOGRAM);
        for (int first = 0; first <= camera.length; first++) {
            for (int second = first; second <= camera.length; second += 3) {
                events.clear();
                passedOn.reset();
                EmbeddedChannel channel = started();
                assertThat(sent(channel)).isEqualTo("VERSION\n");

                List<String> lines = new ArrayList<>();
                for (byte[] piece : List.of(slice(camera, 0, first), slice(camera, first, second),
                        slice(camera, second, camera.length))) {
                    channel.writeInbound(Unpooled.wrappedBuffer(piece));
                    lines.add(sent(channel));
                }

                String all = String.join("", lines);
                assertThat(all).as("pieces %d, %d", first, second)
                        .isEqualTo(new String(LOGIN, StandardCharsets.ISO_8859_1)
                                   + "\nSET Mode Administrator\nGET MUXCONF\nSTART\n"
                                   + "\u0088\0\0\0\0\0\0\u0004\u0001\u0040\0\u00f0");
                if (first < VERSION_REPLY.length) {
                    assertThat(lines.get(0)).as("nothing before the VERSION reply is complete").isEmpty();
                }
                assertThat(events).as("pieces %d, %d", first, second).containsExactly(NativeHandshakeHandler.COMPLETED);
                assertThat(passedOn.toByteArray()).as("pieces %d, %d", first, second).isEqualTo(FIRST_VIDEOGRAM);
                assertThat(channel.pipeline().get(VideogramStartHandler.class)).isNull();
                assertThat(failures).isEmpty();
                assertThat(channel.finishAndReleaseAll()).isFalse();
            }
        }
    }

    @Test
    void sendsNothingMoreUntilEachReplyHasItsNul() {
        EmbeddedChannel channel = started();
        assertThat(sent(channel)).isEqualTo("VERSION\n");

        channel.writeInbound(Unpooled.wrappedBuffer(slice(VERSION_REPLY, 0, VERSION_REPLY.length - 1)));
        assertThat(sent(channel)).isEmpty();
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] { 0 }));
        assertThat(sent(channel)).endsWith("GET MUXCONF\n");
        channel.writeInbound(Unpooled.wrappedBuffer(slice(MUXCONF_REPLY, 0, MUXCONF_REPLY.length - 1)));
        assertThat(sent(channel)).isEmpty();
        assertThat(events).isEmpty();

        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] { 0 }));

        assertThat(sent(channel)).startsWith("START\n");
        assertThat(events).containsExactly(NativeHandshakeHandler.COMPLETED);
        assertThat(passedOn.size()).as("nothing to pass on").isZero();
    }

    @Test
    void failsNamingTheCommandTheCameraDidNotAnswerInTime() {
        EmbeddedChannel channel = started();
        advance(channel, REPLY_TIMEOUT_MS - 1);
        assertThat(failures).isEmpty();
        advance(channel, 1);
        assertThat(failures).singleElement(InstanceOfAssertFactories.THROWABLE).isInstanceOf(ProtocolException.class)
                .hasMessage("the camera did not answer VERSION within 2500 ms");

        failures.clear();
        channel = started();
        channel.writeInbound(Unpooled.wrappedBuffer(VERSION_REPLY));
        advance(channel, REPLY_TIMEOUT_MS - 1);
        channel.writeInbound(Unpooled.wrappedBuffer(slice(MUXCONF_REPLY, 0, 5)));
        assertThat(failures).as("the timeout is per reply, and a piece of it is no reply").isEmpty();
        advance(channel, 1);
        assertThat(failures).singleElement(InstanceOfAssertFactories.THROWABLE)
                .hasMessage("the camera did not answer GET MUXCONF within 2500 ms");

        channel.writeInbound(Unpooled.wrappedBuffer(concat(slice(MUXCONF_REPLY, 5, MUXCONF_REPLY.length),
                FIRST_VIDEOGRAM)));
        assertThat(events).as("a failed sequence goes no further").isEmpty();
        assertThat(passedOn.size()).isZero();
        advance(channel, 10 * REPLY_TIMEOUT_MS);
        assertThat(failures).hasSize(1);
    }

    @Test
    void theTimeoutEndsWithTheSequence() {
        EmbeddedChannel channel = started();
        channel.writeInbound(Unpooled.wrappedBuffer(concat(VERSION_REPLY, MUXCONF_REPLY)));

        advance(channel, 10 * REPLY_TIMEOUT_MS);

        assertThat(failures).isEmpty();
        assertThat(events).containsExactly(NativeHandshakeHandler.COMPLETED);
    }

    @Test
    void failsOnAReplyWithoutNulThatGoesOnAndOn() {
        EmbeddedChannel channel = started();
        byte[] chunk = new byte[16 * 1024];
        Arrays.fill(chunk, (byte) 'x');

        for (int i = 0; i < 5; i++) {
            channel.writeInbound(Unpooled.wrappedBuffer(chunk));
        }

        assertThat(failures).singleElement(InstanceOfAssertFactories.THROWABLE)
                .hasMessage("the camera's reply to VERSION has no NUL byte within 65536 bytes");
    }

    @Test
    void aTimeoutClosesTheConnectionWithTheReason() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(handler(), new CameraConnectionHandler(null, null, 5000));
        channel.pipeline().fireChannelActive();

        advance(channel, REPLY_TIMEOUT_MS);

        assertThat(channel.isOpen()).isFalse();
        assertThat(CameraConnectionHandler.closeReason(channel))
                .isEqualTo("the camera did not answer VERSION within 2500 ms");
    }

    @Test
    void aCloseByTheCameraIsReportedWithTheStepItCameAt() {
        EmbeddedChannel versionAsked = started();
        versionAsked.close();
        assertThat(CameraConnectionHandler.closeReason(versionAsked))
                .isEqualTo("the camera closed the connection before it answered VERSION");

        EmbeddedChannel loggedIn = started();
        loggedIn.writeInbound(Unpooled.wrappedBuffer(VERSION_REPLY));
        loggedIn.close();
        assertThat(CameraConnectionHandler.closeReason(loggedIn))
                .isEqualTo("the camera closed the connection after the login, before it answered GET MUXCONF"
                           + " (login refused?)");

        EmbeddedChannel streaming = started();
        streaming.writeInbound(Unpooled.wrappedBuffer(concat(VERSION_REPLY, MUXCONF_REPLY)));
        streaming.close();
        assertThat(CameraConnectionHandler.closeReason(streaming)).isEqualTo("connection closed by the camera");
    }

    /** A channel whose start handler has just sent VERSION, on a frozen clock. */
    private EmbeddedChannel started() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(handler(), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf bytes = (ByteBuf) msg;
                passedOn.writeBytes(ByteBufUtil.getBytes(bytes));
                bytes.release();
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                events.add(evt);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                failures.add(cause);
            }
        });
        channel.pipeline().fireChannelActive();
        return channel;
    }

    private static VideogramStartHandler handler() {
        return new VideogramStartHandler("test", LOGIN, new ImageSize(320, 240), REPLY_TIMEOUT_MS);
    }

    private static void advance(EmbeddedChannel channel, long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    /** What the handler wrote since the last call, as ISO-8859-1 text. */
    private static String sent(EmbeddedChannel channel) {
        StringBuilder text = new StringBuilder();
        for (ByteBuf out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            text.append(out.toString(StandardCharsets.ISO_8859_1));
            out.release();
        }
        return text.toString();
    }
}
