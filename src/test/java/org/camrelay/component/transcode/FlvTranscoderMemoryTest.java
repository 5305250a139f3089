package org.camrelay.component.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Native memory must not grow with the number of frames: every per-frame allocation is freed or reused. */
class FlvTranscoderMemoryTest {

    private static final long MB = 1024 * 1024;

    @Test
    void residentMemoryStaysFlatOverThousandsOfFrames() throws IOException, TranscodeException {
        // grainy pictures make large JPEGs (tens of kB), so that leaking one per frame would show clearly
        List<byte[]> jpegs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            jpegs.add(TestJpegs.scene(320, 240, i, TestJpegs.Subsampling.YUV420));
        }
        try (FlvTranscoder transcoder = new FlvTranscoder(TranscodeSettings.DEFAULT)) {
            long timestamp = 0;
            for (int i = 0; i < 300; i++) { // fills FFmpeg's buffer pools and lets the JIT settle
                transcoder.transcode(jpegs.get(i % jpegs.size()), timestamp += 250);
            }
            long before = residentBytes();

            for (int i = 0; i < 3000; i++) {
                transcoder.transcode(jpegs.get(i % jpegs.size()), timestamp += 250);
            }

            assertThat(residentBytes() - before).as("RSS growth over 3000 frames").isLessThan(20 * MB);
        }
    }

    /** VmRSS from /proc/self/status: the process's resident memory, native allocations included. */
    private static long residentBytes() throws IOException {
        System.gc(); // keep the Java heap from counting as growth
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("VmRSS:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024).findFirst().orElseThrow();
    }
}
