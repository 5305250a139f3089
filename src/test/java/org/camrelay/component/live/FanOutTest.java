package org.camrelay.component.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** A large audience is split over threads, yet every viewer gets every packet once and in order. */
class FanOutTest {

    /** A client that takes every write at once, noting what it got and which thread wrote it. */
    private static final class InstantSink implements Viewer.Sink {
        final List<Integer> written = new ArrayList<>();
        final Set<String> threads = new HashSet<>();

        @Override
        public synchronized void write(ByteBuffer bytes, Viewer viewer) {
            written.add(bytes.remaining() == 0 ? -1 : bytes.get(0) & 0xFF);
            threads.add(Thread.currentThread().getName());
            viewer.writeSucceeded();
        }

        @Override
        public void close(Throwable cause) {
        }
    }

    @Test
    void everyViewerOfALargeAudienceGetsEveryPacketInOrder() {
        LiveStream stream = new LiveStream("cam", "stream", LiveFormat.MJPEG, new StreamLimits(4, 0, 0, 64));
        int viewers = FanOut.SLICE * 8 + 3;
        List<InstantSink> sinks = IntStream.range(0, viewers).mapToObj(i -> new InstantSink()).toList();
        sinks.forEach(sink -> stream.attach(sink, "test"));

        for (int id = 1; id <= 40; id++) {
            stream.publish(new MediaPacket(ByteBuffer.wrap(new byte[] {(byte) id}), true));
        }

        List<Integer> expected = new ArrayList<>(List.of(-1));
        IntStream.rangeClosed(1, 40).forEach(expected::add);
        for (InstantSink sink : sinks) {
            synchronized (sink) {
                assertThat(sink.written).containsExactlyElementsOf(expected);
            }
        }
        assertThat(stream.packetsDiscarded()).isZero();
        Set<String> threads = new HashSet<>();
        sinks.forEach(sink -> {
            synchronized (sink) {
                threads.addAll(sink.threads);
            }
        });
        if (Runtime.getRuntime().availableProcessors() > 1) {
            assertThat(threads).as("slices written by the publisher and by helper threads")
                    .anyMatch(name -> name.startsWith("camrelay-fanout-"))
                    .contains(Thread.currentThread().getName());
        }
    }
}
