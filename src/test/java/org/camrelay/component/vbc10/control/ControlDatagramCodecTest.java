package org.camrelay.component.vbc10.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

/** The native control port's framing, with the bytes of CANON-PROTOCOLS.md section 3 and the ROS driver's layout. */
class ControlDatagramCodecTest {

    /** The absolute move of the protocol notes: pan 170.00, tilt 10.01, zoom 41.26 degrees. */
    private static final String MOVE = "00000000003300E0426803E9101E0000";

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static String hex(ByteBuf buffer) {
        try {
            return ByteBufUtil.hexDump(buffer).toUpperCase();
        } finally {
            buffer.release();
        }
    }

    @Test
    void decodesTheAbsoluteMoveOfTheNotes() {
        EmbeddedChannel channel = new EmbeddedChannel(new ControlDatagramDecoder());

        channel.writeInbound(Unpooled.wrappedBuffer(hex(MOVE)));

        ControlDatagram datagram = channel.readInbound();
        assertThat(datagram.command()).isEqualTo(0x33);
        assertThat(datagram.status()).isEqualTo(0x00E0);
        assertThat(datagram.position(false)).isEqualTo(new PtzPosition(170.00, 10.01, 41.26, false));
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void findsDatagramsByTheirLengthWordWhateverTheReadSizes() {
        EmbeddedChannel channel = new EmbeddedChannel(new ControlDatagramDecoder());
        // two extra words (24 bytes), then a plain 16-byte one, cut at awkward places
        byte[] stream = hex("0002000000820000" + "E000000000000007" + "0000006400000080"
                            + "00000000002100000000000000000000");

        channel.writeInbound(Unpooled.wrappedBuffer(stream, 0, 1));
        channel.writeInbound(Unpooled.wrappedBuffer(stream, 1, 20));
        Object nothingYet = channel.readInbound();
        assertThat(nothingYet).isNull();
        channel.writeInbound(Unpooled.wrappedBuffer(stream, 21, 10));
        ControlDatagram exposure = channel.readInbound();
        channel.writeInbound(Unpooled.wrappedBuffer(stream, 31, stream.length - 31));
        ControlDatagram control = channel.readInbound();

        assertThat(exposure.command()).isEqualTo(0x82);
        assertThat(exposure.payload()).hasSize(16);
        assertThat(exposure.payload()[15]).isEqualTo((byte) 0x80);
        assertThat(control).isEqualTo(ControlDatagram.of(0x21, 0x0000, new byte[8]));
        Object nothingMore = channel.readInbound();
        assertThat(nothingMore).isNull();
    }

    @Test
    void closesTheConnectionWhenADatagramAnnouncesMoreThan1000Words() {
        EmbeddedChannel channel = new EmbeddedChannel(new ControlDatagramDecoder());

        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(hex("03E9000000330000"))))
                .isInstanceOf(DecoderException.class).hasMessageContaining("1001 extra words");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void acceptsExactly1000Words() {
        EmbeddedChannel channel = new EmbeddedChannel(new ControlDatagramDecoder());
        byte[] longest = new byte[16 + 4000];
        longest[0] = 0x03;
        longest[1] = (byte) 0xE8;
        longest[5] = 0x33;

        channel.writeInbound(Unpooled.wrappedBuffer(longest));

        ControlDatagram datagram = channel.readInbound();
        assertThat(datagram.payload()).hasSize(4008);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void encodesTheCommandsOfTheControlPort() {
        EmbeddedChannel channel = new EmbeddedChannel(ControlDatagramEncoder.INSTANCE);

        channel.writeOutbound(ControlDatagram.moveTo(new PtzPosition(170, 10.01, 41.26, false)),
                ControlDatagram.of(ControlDatagram.CONTROL, ControlDatagram.TAKE),
                ControlDatagram.of(ControlDatagram.POSITION, ControlDatagram.QUERY),
                ControlDatagram.panTilt(PtzCommand.PanTilt.DOWN_LEFT),
                ControlDatagram.panTilt(PtzCommand.PanTilt.STOP),
                ControlDatagram.zoom(PtzCommand.Zoom.WIDE),
                ControlDatagram.moveTo(new PtzPosition(-170, -90, 3, false)),
                ControlDatagram.of(0x82, 0, new byte[16]));

        assertThat(hex((ByteBuf) channel.readOutbound())).isEqualTo(MOVE);
        assertThat(hex((ByteBuf) channel.readOutbound())).isEqualTo("00000000002100010000000000000000");
        assertThat(hex((ByteBuf) channel.readOutbound())).isEqualTo("00000000003380000000000000000000");
        assertThat(hex((ByteBuf) channel.readOutbound())).isEqualTo("00000000003C00000A00000000000000");
        assertThat(hex((ByteBuf) channel.readOutbound())).isEqualTo("00000000003C00000000000000000000");
        assertThat(hex((ByteBuf) channel.readOutbound())).isEqualTo("00000000003D00000200000000000000");
        assertThat(hex((ByteBuf) channel.readOutbound())).isEqualTo("00000000003300E0BD98DCD8012C0000");
        assertThat(hex((ByteBuf) channel.readOutbound())).startsWith("000200000082").hasSize(48);
    }

    @Test
    void directionBitsCombineForDiagonals() {
        assertThat(ControlDatagram.directionBits(PtzCommand.PanTilt.RIGHT)).isEqualTo(1);
        assertThat(ControlDatagram.directionBits(PtzCommand.PanTilt.LEFT)).isEqualTo(2);
        assertThat(ControlDatagram.directionBits(PtzCommand.PanTilt.UP)).isEqualTo(4);
        assertThat(ControlDatagram.directionBits(PtzCommand.PanTilt.DOWN)).isEqualTo(8);
        assertThat(ControlDatagram.directionBits(PtzCommand.PanTilt.UP_RIGHT)).isEqualTo(5);
        assertThat(ControlDatagram.directionBits(PtzCommand.PanTilt.UP_LEFT)).isEqualTo(6);
        assertThat(ControlDatagram.directionBits(PtzCommand.PanTilt.DOWN_RIGHT)).isEqualTo(9);
        assertThat(ControlDatagram.directionBits(PtzCommand.PanTilt.DOWN_LEFT)).isEqualTo(10);
    }

    @Test
    void parsesHexDatagramsOfTheLoginOptionAndChecksTheirLength() {
        assertThat(ControlDatagram.parseHex(MOVE)).isEqualTo(ControlDatagram.moveTo(new PtzPosition(170, 10.01,
                41.26, false)));
        assertThatThrownBy(() -> ControlDatagram.parseHex("0001000000210000")).hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> ControlDatagram.parseHex("00010000002100000000000000000000"))
                .hasMessageContaining("announce 1 extra words");
    }
}
