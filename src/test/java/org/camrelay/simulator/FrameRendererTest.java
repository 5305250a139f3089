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
            assertThat(Jpegs.difference(Jpegs.decode(first), Jpegs.decode(second))).as("the texture drifts")
                    .isGreaterThan(5);

            assertThat(second).isNotEqualTo(first);
        }
    }

    @Test
    void theViewFollowsTheHead() {
        try (FrameRenderer renderer = new FrameRenderer(new FrameSize(320, 240))) {
            Instant now = Instant.now();
            BufferedImage home = Jpegs.decode(renderer.render(13, now, HeadPosition.HOME));
            BufferedImage again = Jpegs.decode(renderer.render(13, now, HeadPosition.HOME));
            BufferedImage panned = Jpegs.decode(renderer.render(13, now, new HeadPosition(500, 0, 4750, false)));
            BufferedImage tilted = Jpegs.decode(renderer.render(13, now, new HeadPosition(0, -500, 4750, false)));
            BufferedImage zoomed = Jpegs.decode(renderer.render(13, now, new HeadPosition(0, 0, 4000, false)));

            assertThat(Jpegs.difference(home, again)).isZero();
            assertThat(Jpegs.difference(home, panned)).as("panned by 5 degrees").isGreaterThan(20);
            assertThat(Jpegs.difference(home, tilted)).as("tilted by 5 degrees").isGreaterThan(20);
            assertThat(Jpegs.difference(home, zoomed)).as("zoomed in a little").isGreaterThan(20);
        }
    }

    @Test
    void landmarksShowWhereTheCameraLooks() {
        try (FrameRenderer renderer = new FrameRenderer(new FrameSize(160, 120))) {
            // those at -180 and 180 degrees are seen only from the ends at a wider angle
            for (int landmark = 1; landmark < Scene.LANDMARKS - 1; landmark++) {
                int pan = (Scene.FIRST_LANDMARK + landmark * Scene.LANDMARK_SPACING) * 100;
                HeadPosition facing = new HeadPosition(pan, -1000, 600, false);
                BufferedImage image = Jpegs.decode(renderer.render(landmark, Instant.now(), facing));
                float expected = java.awt.Color.RGBtoHSB(Scene.landmarkColour(landmark).getRed(),
                        Scene.landmarkColour(landmark).getGreen(), Scene.landmarkColour(landmark).getBlue(), null)[0];

                assertThat(Jpegs.hueDistance(Jpegs.middleHue(image), expected)).as("landmark at pan %d", pan / 100)
                        .isLessThan(0.04);
            }
        }
    }

    @Test
    void keepsAboutTheSizeOfARealCamerasPictures() {
        try (FrameRenderer renderer = new FrameRenderer(new FrameSize(640, 480))) {
            long bytes = 0;
            for (int frame = 0; frame < 10; frame++) {
                bytes += renderer.render(frame, Instant.now()).length;
            }

            assertThat(bytes / 10).as("bytes per 640x480 frame").isBetween(45_000L, 75_000L);
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
