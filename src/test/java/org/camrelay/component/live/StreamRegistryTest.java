package org.camrelay.component.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

/** A stream outlives its producer by the grace period: taken over within it, ended after it. */
class StreamRegistryTest {

    private static final StreamLimits LIMITS = new StreamLimits(8, 0, 0, 64);

    /** A client that takes every write at once and notes how its response ended. */
    private static final class Client implements Viewer.Sink {
        int writes;
        boolean ended;
        Throwable cause;

        @Override
        public void write(ByteBuffer bytes, Viewer viewer) {
            writes++;
            viewer.writeSucceeded();
        }

        @Override
        public void close(Throwable cause) {
            ended = true;
            this.cause = cause;
        }
    }

    @Test
    void aProducerThatStartsWithinTheGracePeriodTakesTheStreamOverWithItsViewers() {
        StreamRegistry registry = new StreamRegistry();
        registry.setGracePeriodMillis(10_000);
        LiveStream stream = registry.open("cam", "stream", LiveFormat.MJPEG, LIMITS);
        stream.publishImage(new byte[] { 1 }, 1, 1);
        Client client = new Client();
        stream.attach(client, "test");

        registry.release(stream);
        registry.endAbandoned(System.nanoTime());
        assertThat(client.ended).isFalse();
        assertThat(registry.find("cam", "stream", LiveFormat.MJPEG)).as("still served, snapshot and all")
                .isSameAs(stream);
        assertThat(stream.latestImage()).containsExactly(1);

        LiveStream again = registry.open("cam", "stream", LiveFormat.MJPEG, new StreamLimits(8, 5, 0, 64));
        assertThat(again).isSameAs(stream);
        assertThat(stream.takeOvers()).isEqualTo(1);
        int before = client.writes;
        again.publishImage(new byte[] { 2 }, 1, 2);
        assertThat(client.writes).as("the viewer got the new producer's first frame").isEqualTo(before + 1);
        registry.endAbandoned(System.nanoTime() + 60_000_000_000L);
        assertThat(client.ended).as("a stream with a producer never ends by itself").isFalse();
    }

    @Test
    void afterTheGracePeriodTheStreamEndsAndItsViewersAreDisconnectedCleanly() {
        StreamRegistry registry = new StreamRegistry();
        registry.setGracePeriodMillis(2000);
        LiveStream stream = registry.open("cam", "stream", LiveFormat.MJPEG, LIMITS);
        Client client = new Client();
        stream.attach(client, "test");
        long released = System.nanoTime();
        registry.release(stream);

        registry.endAbandoned(released + 1_000_000_000L);
        assertThat(client.ended).as("within the grace period").isFalse();
        registry.endAbandoned(System.nanoTime() + 2_000_000_000L);
        assertThat(client.ended).isTrue();
        assertThat(client.cause).as("ended cleanly").isNull();
        assertThat(registry.find("cam", "stream", LiveFormat.MJPEG)).isNull();
        assertThat(registry.open("cam", "stream", LiveFormat.MJPEG, LIMITS)).as("a new stream").isNotSameAs(stream);
    }

    @Test
    void withoutAGracePeriodTheLastReleaseDisconnectsAtOnce() {
        StreamRegistry registry = new StreamRegistry();
        registry.setGracePeriodMillis(0);
        LiveStream stream = registry.open("cam", "stream", LiveFormat.MJPEG, LIMITS);
        Client client = new Client();
        stream.attach(client, "test");
        registry.release(stream);
        assertThat(client.ended).isTrue();
        assertThat(registry.find("cam", "stream", LiveFormat.MJPEG)).isNull();
    }

    @Test
    void whenCamelStopsTheViewersAreDisconnectedAtOnce() {
        StreamRegistry registry = new StreamRegistry();
        LiveStream stream = registry.open("cam", "stream", LiveFormat.MJPEG, LIMITS);
        Client client = new Client();
        stream.attach(client, "test");
        registry.release(stream, false);
        assertThat(client.ended).isTrue();
    }
}
