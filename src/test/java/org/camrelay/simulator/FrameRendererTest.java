package org.camrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FrameRendererTest {

    @Test
    void rendersBaselineJfifWith420SubsamplingInTheRequestedSize() {
        try (FrameRenderer renderer = new FrameRenderer(new FrameSize(320, 240))) {
            byte[] jpeg = renderer.render(7, Instant.now());

            assertThat(Jpegs.startsWithSoi(jpeg)).isTrue();
            assertThat(Jpegs.endsWithEoi(jpeg)).isTrue();
            assertThat(Jpegs.headerMarkers(jpeg)).startsWith(Jpegs.APP0).contains(Jpegs.SOF0).endsWith(Jpegs.SOS);
            assertThat(Jpegs.sof0Sampling(jpeg)).isDeepEqualTo(new int[][] {{2, 2}, {1, 1}, {1, 1}});
            BufferedImage image = Jpegs.decode(jpeg);
            assertThat(image.getWidth()).isEqualTo(320);
            assertThat(image.getHeight()).isEqualTo(240);
        }
    }

    @Test
    void consecutiveFramesDiffer() {
        try (FrameRenderer renderer = new FrameRenderer(new FrameSize(160, 120))) {
            Instant now = Instant.now();
            byte[] first = renderer.render(41, now);
            byte[] second = renderer.render(42, now);

            assertThat(second).isNotEqualTo(first);
        }
    }

    @Test
    void rendersOddAndLargeSizes() {
        for (FrameSize size : new FrameSize[] {new FrameSize(33, 17), new FrameSize(1920, 1080)}) {
            try (FrameRenderer renderer = new FrameRenderer(size)) {
                BufferedImage image = Jpegs.decode(renderer.render(1, Instant.now()));
                assertThat(image.getWidth()).isEqualTo(size.width());
                assertThat(image.getHeight()).isEqualTo(size.height());
            }
        }
    }
}
