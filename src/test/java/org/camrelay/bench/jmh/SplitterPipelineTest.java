package org.camrelay.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The splitter benchmark's input and pipeline: a real simulator recording, split cleanly however it is chunked. */
class SplitterPipelineTest {

    private static CameraRecording recording;

    @BeforeAll
    static void record() throws Exception {
        recording = CameraRecording.record(4);
    }

    @Test
    void recordsRealCameraFramesInBothForms() {
        assertThat(recording.frames()).isEqualTo(4);
        assertThat(recording.jpegStream()).startsWith((byte) 0xFF, (byte) 0xD8);
        assertThat(new String(recording.multipartBody(), 0, 2 + recording.boundary().length(),
                java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("--" + recording.boundary());
        assertThat(recording.multipartBody().length).isGreaterThan(recording.jpegStream().length);
    }

    @Test
    void findsEveryFrameAt640x480PassAfterPassWhateverTheReadSize() {
        for (int chunk : new int[] { 1000, 8192, 65536 }) {
            for (String boundary : new String[] { null, recording.boundary() }) {
                List<String> sizes = new ArrayList<>();
                try (SplitterPipeline splitter = new SplitterPipeline(boundary,
                        frame -> sizes.add(frame.width() + "x" + frame.height()))) {
                    byte[] input = boundary == null ? recording.jpegStream() : recording.multipartBody();
                    assertThat(splitter.feed(input, chunk)).isEqualTo(4);
                    assertThat(splitter.feed(input, chunk)).isEqualTo(4);
                    assertThat(splitter.problems()).isZero();
                }
                assertThat(sizes).hasSize(8).containsOnly("640x480");
            }
        }
    }
}
