package org.camrelay.component.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camrelay.component.transcode.TestJpegs.Subsampling.YUV420;
import static org.camrelay.component.transcode.TestJpegs.Subsampling.YUV422;
import static org.camrelay.component.transcode.TestJpegs.Subsampling.YUV444;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camrelay.bench.stream.FlvParser;
import org.camrelay.bench.stream.FlvParser.Tag;
import org.camrelay.testing.Ffmpeg;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FlvTranscoderTest {

    private static final int FRAMES = 40;
    /** The default settings' GOP: 4 fps times a 2 s keyframe interval. */
    private static final int GOP = 8;
    private static final Map<VideoCodec, Integer> FLV_CODEC_IDS = Map.of(VideoCodec.FLV1, 2, VideoCodec.H264, 7);

    /** What cameras send: mostly 4:2:0 at the output size, but also 4:4:4, 4:2:2 and larger pictures. */
    private static final List<byte[]> MIXED_INPUT = new ArrayList<>();

    @BeforeAll
    static void makeJpegs() {
        for (int i = 0; i < 8; i++) {
            MIXED_INPUT.add(TestJpegs.scene(320, 240, i, YUV420));
        }
        MIXED_INPUT.add(TestJpegs.scene(320, 240, 8, YUV444));
        MIXED_INPUT.add(TestJpegs.scene(320, 240, 9, YUV422));
        MIXED_INPUT.add(TestJpegs.scene(640, 480, 10, YUV420));
        MIXED_INPUT.add(TestJpegs.scene(640, 480, 11, YUV444));
    }

    @ParameterizedTest
    @EnumSource(VideoCodec.class)
    void headerIsAFileHeaderAndTheTagsAViewerNeedsFirst(VideoCodec codec) throws ProtocolException {
        try (FlvTranscoder transcoder = transcoder(codec)) {
            byte[] header = transcoder.header();

            assertThat(new String(header, 0, 3, StandardCharsets.US_ASCII)).isEqualTo("FLV");
            assertThat(header[3]).as("version").isEqualTo((byte) 1);
            assertThat(header[4]).as("flags: video, no audio").isEqualTo((byte) 0x01);
            assertThat(ByteBuffer.wrap(header).getInt(5)).as("data offset: the header's size").isEqualTo(9);
            assertThat(ByteBuffer.wrap(header).getInt(9)).as("PreviousTagSize0").isZero();
            List<Tag> tags = FlvParser.tags(header);
            tags.forEach(tag -> assertThat(tag.previousTagSize()).isEqualTo(11 + tag.dataSize()));
            assertThat(tags.get(0).type()).isEqualTo(FlvParser.SCRIPT);
            assertThat(new String(tags.get(0).data(), StandardCharsets.US_ASCII)).contains("onMetaData");
            if (codec == VideoCodec.H264) {
                assertThat(tags).hasSize(2);
                Tag sequenceHeader = tags.get(1);
                assertThat(sequenceHeader.type()).isEqualTo(FlvParser.VIDEO);
                assertThat(sequenceHeader.data()[0]).as("keyframe, AVC").isEqualTo((byte) 0x17);
                assertThat(sequenceHeader.data()[1]).as("AVC sequence header").isZero();
            } else {
                assertThat(tags).hasSize(1);
            }
        }
    }

    /** JavaCPP has ten native thunks per callback class: a relay serves more streams than that at once. */
    @Test
    void manyTranscodersAtOnceEachMakeTheirStream() throws TranscodeException {
        List<FlvTranscoder> transcoders = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                transcoders.add(transcoder(VideoCodec.FLV1));
            }
            for (int i = 0; i < transcoders.size(); i++) {
                FlvTranscoder transcoder = transcoders.get(i);
                assertThat(transcoder.header()).as("transcoder %d", i).startsWith((byte) 'F', (byte) 'L', (byte) 'V');
                assertThat(transcoder.transcode(MIXED_INPUT.get(i % 8), 0)).as("transcoder %d", i).hasSize(1);
            }
        } finally {
            transcoders.forEach(FlvTranscoder::close);
        }
    }

    @ParameterizedTest
    @EnumSource(VideoCodec.class)
    void eachFrameGivesOneWholeVideoTagWithItsTimestamp(VideoCodec codec) throws TranscodeException, ProtocolException {
        try (FlvTranscoder transcoder = transcoder(codec)) {
            List<FlvTag> tags = new ArrayList<>();
            for (int i = 0; i < FRAMES; i++) {
                long timestamp = 1000 + i * 250L + i % 3 * 17; // camera frames arrive with jitter
                List<FlvTag> frameTags = transcoder.transcode(MIXED_INPUT.get(i % MIXED_INPUT.size()), timestamp);

                assertThat(frameTags).hasSize(1);
                FlvTag flvTag = frameTags.get(0);
                assertThat(flvTag.timestampMillis()).isEqualTo(timestamp);
                Tag tag = FlvParser.tag(flvTag.bytes());
                assertThat(tag.bytes()).as("one whole tag").hasSameSizeAs(flvTag.bytes());
                assertThat(tag.previousTagSize()).isEqualTo(11 + tag.dataSize());
                assertThat(tag.type()).isEqualTo(FlvParser.VIDEO);
                assertThat(tag.streamId()).isZero();
                assertThat(tag.timestamp()).isEqualTo(timestamp);
                assertThat(tag.codecId()).isEqualTo(FLV_CODEC_IDS.get(codec));
                assertThat(tag.frameType()).isEqualTo(flvTag.keyframe() ? 1 : 2);
                tags.add(flvTag);
            }

            assertThat(tags.get(0).keyframe()).as("first tag is a keyframe").isTrue();
            int lastKeyframe = 0;
            for (int i = 1; i < tags.size(); i++) {
                if (tags.get(i).keyframe()) {
                    lastKeyframe = i;
                }
                assertThat(i - lastKeyframe).as("frames since a keyframe at frame %d", i).isLessThan(GOP);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(VideoCodec.class)
    void aCameraSlowerThanExpectedStillGetsAKeyframeEveryInterval(VideoCodec codec) throws TranscodeException {
        // 1 fps into settings for 4 fps: the 8-frame GOP alone would mean a keyframe every 8 s, not 2 s.
        try (FlvTranscoder transcoder = transcoder(codec)) {
            long lastKeyframe = -1;
            for (int i = 0; i < 12; i++) {
                FlvTag tag = transcoder.transcode(MIXED_INPUT.get(i % MIXED_INPUT.size()), i * 1000L).get(0);
                if (tag.keyframe()) {
                    lastKeyframe = tag.timestampMillis();
                }
                assertThat(tag.timestampMillis() - lastKeyframe).as("ms since a keyframe at frame %d", i)
                        .isLessThan(2000);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(VideoCodec.class)
    void rateControlHoldsTheBitrate(VideoCodec codec) throws TranscodeException {
        // qmax 31 lets FLV1 reach the target on these grainy pictures; 160 frames at 4 fps are 40 s
        TranscodeSettings settings = new TranscodeSettings(codec, 320, 240, 4, 100_000, 1, 31, 2.0);
        int frames = 160;
        long bytes = 0;
        try (FlvTranscoder transcoder = new FlvTranscoder(settings)) {
            for (int i = 0; i < frames; i++) {
                for (FlvTag tag : transcoder.transcode(MIXED_INPUT.get(i % 8), i * 250L + i % 3 * 17)) {
                    bytes += tag.bytes().length;
                }
            }
        }

        assertThat(bytes * 8 / (frames / 4.0)).as("bits per second").isBetween(70_000.0, 150_000.0);
    }

    @Test
    void timestampsThatDoNotIncreaseBecomeThePreviousPlusOne() throws TranscodeException {
        try (FlvTranscoder transcoder = transcoder(VideoCodec.FLV1)) {
            long[] given = {0, 250, 250, 100, 600};
            List<Long> written = new ArrayList<>();
            for (long timestamp : given) {
                written.add(transcoder.transcode(MIXED_INPUT.get(0), timestamp).get(0).timestampMillis());
            }

            assertThat(written).containsExactly(0L, 250L, 251L, 252L, 600L);
        }
    }

    @ParameterizedTest
    @EnumSource(VideoCodec.class)
    void ffmpegReadsEveryFrameOfTheStream(VideoCodec codec, @TempDir Path directory)
            throws IOException, InterruptedException, TranscodeException {
        Path file = directory.resolve("stream.flv");
        try (FlvTranscoder transcoder = transcoder(codec); OutputStream out = Files.newOutputStream(file)) {
            out.write(transcoder.header());
            for (int i = 0; i < FRAMES; i++) {
                for (FlvTag tag : transcoder.transcode(MIXED_INPUT.get(i % MIXED_INPUT.size()), i * 250L)) {
                    out.write(tag.bytes());
                }
            }
        }

        Ffmpeg.Result probe = Ffmpeg.run(30, "/usr/bin/ffprobe", "-v", "error", "-show_streams", "-count_frames",
                file.toString());
        assertThat(probe.exitCode()).isZero();
        Map<String, String> stream = Arrays.stream(probe.output().split("\n")).filter(line -> line.contains("="))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
                        line -> line.substring(line.indexOf('=') + 1), (first, second) -> first));
        assertThat(stream).containsEntry("codec_name", codec == VideoCodec.FLV1 ? "flv1" : "h264")
                .containsEntry("width", "320").containsEntry("height", "240")
                .containsEntry("nb_read_frames", Integer.toString(FRAMES));
        Ffmpeg.Result decode = Ffmpeg.run(30, "/usr/bin/ffmpeg", "-v", "error", "-i", file.toString(), "-f", "null", "-");
        assertThat(decode.exitCode()).isZero();
        assertThat(decode.output()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(VideoCodec.class)
    void aCorruptJpegIsRejectedAndTheNextFrameStillWorks(VideoCodec codec) throws TranscodeException {
        byte[] good = MIXED_INPUT.get(0);
        byte[] truncated = Arrays.copyOf(good, good.length / 2);
        byte[] damaged = good.clone();
        Arrays.fill(damaged, good.length / 2, good.length / 2 + 64, (byte) 0x5A);
        byte[] notAJpeg = "<html>503 Service Unavailable</html>".getBytes(StandardCharsets.US_ASCII);
        try (FlvTranscoder transcoder = transcoder(codec)) {
            long timestamp = 0;
            for (byte[] corrupt : List.of(truncated, damaged, notAJpeg, new byte[0])) {
                assertThat(transcoder.transcode(good, timestamp += 250)).hasSize(1);

                assertThatThrownBy(() -> transcoder.transcode(corrupt, 0)).isInstanceOf(TranscodeException.class)
                        .hasMessageContaining("JPEG (" + corrupt.length + " bytes)");

                assertThat(transcoder.transcode(good, timestamp += 250)).singleElement()
                        .extracting(FlvTag::timestampMillis).isEqualTo(timestamp);
            }
        }
    }

    @Test
    void rejectsANegativeTimestamp() {
        try (FlvTranscoder transcoder = transcoder(VideoCodec.FLV1)) {
            assertThatIllegalArgumentException().isThrownBy(() -> transcoder.transcode(MIXED_INPUT.get(0), -1));
        }
    }

    @Test
    void closeIsIdempotentAndAClosedTranscoderRefusesWork() {
        FlvTranscoder transcoder = transcoder(VideoCodec.H264);
        transcoder.close();
        transcoder.close();

        assertThatIllegalStateException().isThrownBy(transcoder::header);
        assertThatIllegalStateException().isThrownBy(() -> transcoder.transcode(MIXED_INPUT.get(0), 0));
    }

    private static FlvTranscoder transcoder(VideoCodec codec) {
        return new FlvTranscoder(TranscodeSettings.DEFAULT.withCodec(codec));
    }
}
