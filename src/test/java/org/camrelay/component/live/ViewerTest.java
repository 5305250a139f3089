package org.camrelay.component.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The per-viewer queue policy: bounded, whole packets only, and after falling behind, a keyframe first. */
class ViewerTest {

    /** A sink whose writes complete only when the test says so, as a slow client's would. */
    private static final class HeldSink implements Viewer.Sink {
        final List<Integer> written = new ArrayList<>();
        Viewer pending;

        @Override
        public void write(ByteBuffer bytes, Viewer viewer) {
            written.add(bytes.remaining() == 0 ? -1 : bytes.get(0) & 0xFF);
            pending = viewer;
        }

        void complete() {
            Viewer viewer = pending;
            pending = null;
            viewer.writeSucceeded();
        }

        @Override
        public void close(Throwable cause) {
        }
    }

    private static MediaPacket packet(int id, boolean keyframe) {
        return new MediaPacket(ByteBuffer.wrap(new byte[] { (byte) id, 0, 0 }), keyframe);
    }

    private static LiveStream stream() {
        return new LiveStream("cam", "stream", LiveFormat.FLV, new StreamLimits(4, 0, 0, 64));
    }

    @Test
    void aViewerThatFallsBehindLosesWhatWasQueuedAndResumesAtTheNextKeyframe() {
        LiveStream stream = stream();
        stream.setPreamble(ByteBuffer.wrap(new byte[] { (byte) 200 }));
        stream.publish(packet(1, true));
        HeldSink sink = new HeldSink();
        stream.attach(sink, "test");
        assertThat(sink.written).containsExactly(200); // the preamble is being written; packet 1 waits

        // The client reads nothing while 2..7 arrive. Its queue holds 4 plus what it got on joining (preamble
        // and packet 1); with the preamble in flight, 1..6 fill it and 7 overflows it.
        for (int id = 2; id <= 7; id++) {
            stream.publish(packet(id, false));
        }
        stream.publish(packet(8, false)); // not a keyframe: nothing to resume at yet
        stream.publish(packet(9, true));
        stream.publish(packet(10, false));
        while (sink.pending != null) {
            sink.complete();
        }

        assertThat(sink.written).as("the write in flight is finished, then the next keyframe on")
                .containsExactly(200, 9, 10);
        assertThat(stream.packetsDiscarded()).as("1..6 queued, then 7 and 8 while waiting for a keyframe")
                .isEqualTo(8);
    }

    @Test
    void aViewerThatJoinsBeforeTheStreamHeaderGetsItWithTheFirstKeyframe() {
        LiveStream stream = stream();
        HeldSink sink = new HeldSink();
        stream.attach(sink, "test");
        assertThat(sink.written).as("an empty write puts the response headers out").containsExactly(-1);
        sink.complete();

        stream.publish(packet(1, false));
        stream.setPreamble(ByteBuffer.wrap(new byte[] { (byte) 200 }));
        stream.publish(packet(2, false));
        stream.publish(packet(3, true));
        stream.publish(packet(4, false));
        while (sink.pending != null) {
            sink.complete();
        }
        assertThat(sink.written).containsExactly(-1, 200, 3, 4);
        assertThat(stream.packetsDiscarded()).as("waiting for the start is not falling behind").isZero();
    }
}
