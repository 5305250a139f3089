package org.camrelay.component.vbc10;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FrameRequestPacerTest {

    private static final byte REQUEST = 0x0A;
    private static final long RESPONSE_TIMEOUT_MS = 300;

    private long now;
    private EmbeddedChannel channel;
    private byte[] expectedRequest = { REQUEST };

    @BeforeEach
    void pacerAtTenFramesPerSecond() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new FrameRequestPacer(new byte[] { REQUEST }, 10,
                TimeUnit.MILLISECONDS.toNanos(RESPONSE_TIMEOUT_MS), () -> now));
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void requestsTheFirstFrameOnceTheHandshakeIsAnswered() {
        assertThat(requests()).isZero();

        channel.pipeline().fireUserEventTriggered(NativeHandshakeHandler.COMPLETED);

        assertThat(requests()).isEqualTo(1);
    }

    @Test
    void pacesRequestsOnAFixedGridWhateverTheFramesTake() {
        handshake(); // request at 0
        advance(30);
        frame();
        advance(69);
        assertThat(requests()).isZero();
        advance(1);
        assertThat(requests()).as("at 100").isEqualTo(1);

        advance(50);
        frame(); // 50 ms after its request: the next is still due at 200, not 250
        advance(49);
        assertThat(requests()).isZero();
        advance(1);
        assertThat(requests()).as("at 200").isEqualTo(1);
    }

    @Test
    void asksAtOnceAfterALateFrameWithoutBurstingToCatchUp() {
        handshake(); // request at 0, frame due by 100
        advance(250);
        frame(); // deadlines 100 and 200 have passed
        assertThat(requests()).as("one request, at once").isEqualTo(1);

        advance(10);
        frame(); // the grid restarted at 250
        advance(89);
        assertThat(requests()).isZero();
        advance(1);
        assertThat(requests()).as("at 350").isEqualTo(1);
    }

    @Test
    void asksAgainForAFrameThatDoesNotArrive() {
        handshake();
        advance(RESPONSE_TIMEOUT_MS - 1);
        assertThat(requests()).isZero();
        advance(1);
        assertThat(requests()).as("asked again at 300").isEqualTo(1);

        frame();
        advance(99);
        assertThat(requests()).isZero();
        advance(1);
        assertThat(requests()).as("paced from 300").isEqualTo(1);
    }

    @Test
    void frameThatNoRequestAwaitsDoesNotPace() {
        handshake();
        advance(10);
        frame(); // next request due at 100
        advance(10);
        frame(); // the answer to an earlier request that was sent again
        advance(80);
        assertThat(requests()).as("at 100").isEqualTo(1);
        advance(RESPONSE_TIMEOUT_MS - 1);
        assertThat(requests()).isZero();
    }

    @Test
    void asksWithVideogramsAndPacesOnAnsweredVideogramsInTheVideogramDialect() {
        channel.finishAndReleaseAll();
        channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new FrameRequestPacer(Videogram.frameRequest(), 10,
                TimeUnit.MILLISECONDS.toNanos(RESPONSE_TIMEOUT_MS), () -> now));
        expectedRequest = new byte[] { (byte) 0x85, 0, 0, 0, 0, 0, 0, 0 };

        handshake(); // request at 0
        advance(30);
        answered();
        frame(); // the frame of that videogram: it does not pace again
        advance(69);
        assertThat(requests()).isZero();
        advance(1);
        assertThat(requests()).as("at 100").isEqualTo(1);

        advance(20);
        answered(); // a frame videogram whose payload was dropped (corrupt, oversized) answers the request too
        advance(79);
        assertThat(requests()).isZero();
        advance(1);
        assertThat(requests()).as("at 200").isEqualTo(1);

        advance(10);
        frame(); // a frame without its event (none comes in this dialect) does not pace
        advance(RESPONSE_TIMEOUT_MS - 11);
        assertThat(requests()).isZero();
        advance(1);
        assertThat(requests()).as("asked again at 500").isEqualTo(1);
    }

    @Test
    void stopsRequestingWhenTheConnectionCloses() {
        handshake();
        frame();
        channel.close();

        advance(1000);

        assertThat(requests()).isZero();
    }

    private void handshake() {
        channel.pipeline().fireUserEventTriggered(NativeHandshakeHandler.COMPLETED);
        assertThat(requests()).isEqualTo(1);
    }

    private void frame() {
        channel.writeInbound(new JpegFrame(Unpooled.buffer(0), 1, 1));
        JpegFrame passedOn = channel.readInbound();
        assertThat(passedOn).isNotNull();
        passedOn.release();
    }

    private void answered() {
        channel.pipeline().fireUserEventTriggered(VideogramDecoder.FRAME_ANSWERED);
    }

    private void advance(long millis) {
        now += TimeUnit.MILLISECONDS.toNanos(millis);
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    /** Requests written since the last call. */
    private int requests() {
        int count = 0;
        for (ByteBuf request = channel.readOutbound(); request != null; request = channel.readOutbound()) {
            assertThat(ByteBufUtil.getBytes(request)).isEqualTo(expectedRequest);
            request.release();
            count++;
        }
        return count;
    }
}
