package org.camrelay.component.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.camrelay.component.transcode.FlvTranscoder;
import org.camrelay.component.transcode.TranscodeSettings;
import org.camrelay.component.transcode.VideoCodec;
import org.camrelay.bench.stream.FlvParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A new producer takes an FLV stream over with its viewers, as after a route edit: they go on at its first
 * keyframe, after its codec configuration, on the stream's time line; or are ended when its video is another.
 * The stream headers are the real transcoder's; the tags are made up, one byte of picture each.
 */
class LiveStreamTakeOverTest {

    private static final long EPOCH = 1_700_000_000_000L;
    private static byte[] h264Small;
    private static byte[] h264SmallOtherBitrate;
    private static byte[] h264Large;

    @BeforeAll
    static void headers() {
        h264Small = header(320, 240, 500_000);
        h264SmallOtherBitrate = header(320, 240, 300_000);
        h264Large = header(640, 480, 500_000);
    }

    private static byte[] header(int width, int height, int bitrate) {
        try (FlvTranscoder transcoder = new FlvTranscoder(new TranscodeSettings(VideoCodec.H264, width, height, 4,
                bitrate, 1, 5, 2))) {
            return transcoder.header();
        }
    }

    /** A client that takes every write at once and keeps the bytes. */
    private static final class Recorder implements Viewer.Sink {
        final List<byte[]> writes = new ArrayList<>();
        boolean closedCleanly;

        @Override
        public void write(ByteBuffer bytes, Viewer viewer) {
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            writes.add(copy);
            viewer.writeSucceeded();
        }

        @Override
        public void close(Throwable cause) {
            closedCleanly = cause == null;
        }

        /** The video tags received after the stream header the viewer got first. */
        List<FlvParser.Tag> tags() {
            List<FlvParser.Tag> tags = new ArrayList<>();
            for (byte[] write : writes.subList(1, writes.size())) {
                tags.addAll(wholeTags(write));
            }
            return tags;
        }
    }

    /** One AVC video tag: a keyframe or not, with its timestamp and one byte that tells it apart. */
    private static byte[] tag(long timestamp, boolean keyframe, int id) {
        byte[] data = { (byte) (keyframe ? 0x17 : 0x27), 1, 0, 0, 0, (byte) id };
        ByteBuffer tag = ByteBuffer.allocate(11 + data.length + 4);
        tag.put((byte) 9).put((byte) 0).putShort((short) data.length)
                .put((byte) (timestamp >> 16)).put((byte) (timestamp >> 8)).put((byte) timestamp)
                .put((byte) (timestamp >> 24)).put(new byte[3]).put(data).putInt(11 + data.length);
        return tag.array();
    }

    private static LiveStream stream() {
        return new LiveStream("cam", "h264", LiveFormat.FLV, new StreamLimits(8, 0, 0, 64));
    }

    private static int id(FlvParser.Tag tag) {
        return tag.data()[tag.data().length - 1];
    }

    @Test
    void viewersStayAndGoOnAtTheNewProducersFirstKeyframeAfterItsCodecConfigurationOnTheStreamsTimeLine() {
        LiveStream stream = stream();
        stream.publishTags(tag(0, true, 1), true, h264Small, EPOCH);
        Recorder viewer = new Recorder();
        stream.attach(viewer, "test");
        stream.publishTags(tag(250, false, 2), false, h264Small, EPOCH);
        stream.publishTags(tag(500, false, 3), false, h264Small, EPOCH);

        // The route is edited: a new transcoder starts 10 s later, its time from 0, with another bitrate and so
        // another sequence header (the H.264 level follows the bitrate).
        stream.takeOver(new StreamLimits(8, 0, 0, 64));
        stream.publishTags(tag(0, false, 4), false, h264SmallOtherBitrate, EPOCH + 10_000);
        stream.publishTags(tag(250, true, 5), true, h264SmallOtherBitrate, EPOCH + 10_000);
        stream.publishTags(tag(500, false, 6), false, h264SmallOtherBitrate, EPOCH + 10_000);

        assertThat(viewer.writes.get(0)).as("the stream header on joining").isEqualTo(h264Small);
        List<FlvParser.Tag> tags = viewer.tags();
        // The sequence header is timed at the new producer's first tag, the dropped non-keyframe 4.
        assertThat(tags).extracting(FlvParser.Tag::timestamp).containsExactly(0L, 250L, 500L, 10_000L, 10_250L, 10_500L);
        FlvParser.Tag sequenceHeader = tags.get(3);
        assertThat(sequenceHeader.data()[1]).as("an AVC sequence header").isZero();
        assertThat(sequenceHeader.data()).as("the new producer's").isEqualTo(videoTagData(h264SmallOtherBitrate))
                .isNotEqualTo(videoTagData(h264Small));
        assertThat(tags.subList(4, 6)).extracting(LiveStreamTakeOverTest::id).containsExactly(5, 6);
        assertThat(stream.epochMillis()).as("the stream keeps its epoch").isEqualTo(EPOCH);
        assertThat(stream.packetsDiscarded()).as("waiting for the new keyframe is not falling behind").isZero();
        assertThat(viewer.closedCleanly).isFalse();

        Recorder later = new Recorder();
        stream.attach(later, "test");
        assertThat(later.writes.get(0)).as("a viewer joining now gets the new header").isEqualTo(h264SmallOtherBitrate);
        assertThat(later.tags()).extracting(FlvParser.Tag::timestamp).containsExactly(10_250L, 10_500L);
    }

    @Test
    void aProducerWithoutAnEpochGoesOnAfterTheLastTag() {
        LiveStream stream = stream();
        stream.publishTags(tag(0, true, 1), true, h264Small, null);
        stream.publishTags(tag(40_000, false, 2), false, h264Small, null);
        Recorder viewer = new Recorder();
        stream.attach(viewer, "test");

        stream.takeOver(new StreamLimits(8, 0, 0, 64));
        stream.publishTags(tag(0, true, 3), true, h264Small, null);
        stream.publishTags(tag(250, false, 4), false, h264Small, null);

        List<FlvParser.Tag> tags = viewer.tags();
        assertThat(tags).extracting(LiveStreamTakeOverTest::id).endsWith(3, 4);
        long resumed = tags.get(tags.size() - 2).timestamp();
        assertThat(resumed).isGreaterThan(40_000L);
        assertThat(tags.get(tags.size() - 1).timestamp()).isEqualTo(resumed + 250);
    }

    @Test
    void viewersOfAnotherPictureSizeAreEndedCleanlyAndNewOnesGetTheNewHeader() {
        LiveStream stream = stream();
        stream.publishTags(tag(0, true, 1), true, h264Small, EPOCH);
        Recorder viewer = new Recorder();
        stream.attach(viewer, "test");

        stream.takeOver(new StreamLimits(8, 0, 0, 64));
        stream.publishTags(tag(0, true, 2), true, h264Large, EPOCH + 5000);

        assertThat(viewer.closedCleanly).as("ended, to reconnect").isTrue();
        assertThat(stream.viewerCount()).isZero();
        assertThat(viewer.tags()).extracting(LiveStreamTakeOverTest::id).containsExactly(1);
        Recorder later = new Recorder();
        stream.attach(later, "test");
        assertThat(later.writes.get(0)).isEqualTo(h264Large);
        assertThat(later.tags()).extracting(FlvParser.Tag::timestamp).containsExactly(5000L);
    }

    @Test
    void aViewerThatFallsBehindAcrossTheTakeOverStillGetsTheNewCodecConfigurationFirst() {
        LiveStream stream = new LiveStream("cam", "h264", LiveFormat.FLV, new StreamLimits(2, 0, 0, 64));
        stream.publishTags(tag(0, true, 1), true, h264Small, EPOCH);
        List<byte[]> written = new ArrayList<>();
        Viewer[] pending = new Viewer[1];
        Viewer.Sink held = new Viewer.Sink() {
            @Override
            public void write(ByteBuffer bytes, Viewer viewer) {
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                written.add(copy);
                pending[0] = viewer;
            }

            @Override
            public void close(Throwable cause) {
            }
        };
        stream.attach(held, "test"); // the header is being written; keyframe 1 waits

        stream.takeOver(new StreamLimits(2, 0, 0, 64));
        stream.publishTags(tag(0, true, 2), true, h264SmallOtherBitrate, EPOCH + 1000);
        for (int id = 3; id <= 6; id++) { // the client reads nothing: the queue overflows
            stream.publishTags(tag(250L * (id - 2), false, id), false, h264SmallOtherBitrate, EPOCH + 1000);
        }
        stream.publishTags(tag(1250, true, 7), true, h264SmallOtherBitrate, EPOCH + 1000);
        while (pending[0] != null) {
            Viewer viewer = pending[0];
            pending[0] = null;
            viewer.writeSucceeded();
        }

        List<FlvParser.Tag> tags = new ArrayList<>();
        written.subList(1, written.size()).forEach(bytes -> tags.addAll(wholeTags(bytes)));
        assertThat(tags.get(0).data()[1]).as("the sequence header survived the overflow").isZero();
        assertThat(tags.get(0).data()).isEqualTo(videoTagData(h264SmallOtherBitrate));
        assertThat(tags.subList(1, tags.size())).extracting(LiveStreamTakeOverTest::id).containsExactly(7);
        assertThat(stream.packetsDiscarded()).isPositive();
    }

    /** The data of the video tag (the AVC sequence header) in a stream header. */
    private static byte[] videoTagData(byte[] header) {
        try {
            return FlvParser.tags(header).stream().filter(tag -> tag.type() == FlvParser.VIDEO).findFirst()
                    .orElseThrow().data();
        } catch (java.net.ProtocolException e) {
            throw new AssertionError("not a whole FLV stream header: " + e.getMessage(), e);
        }
    }

    private static List<FlvParser.Tag> wholeTags(byte[] written) {
        try {
            return FlvParser.wholeTags(written);
        } catch (java.net.ProtocolException e) {
            throw new AssertionError("the stream wrote a part of a tag: " + e.getMessage(), e);
        }
    }
}
