package org.camrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JpegFaultsTest {

    private static byte[] jpeg;

    @BeforeAll
    static void render() {
        try (FrameRenderer renderer = new FrameRenderer(new FrameSize(160, 120))) {
            jpeg = renderer.render(1, Instant.now());
        }
    }

    @Test
    void paddedPictureIsAtLeastTheMinimumAndStillDecodes() {
        for (int minBytes : new int[] {jpeg.length + 1, jpeg.length + 4, jpeg.length + 65_537, 300_000}) {
            byte[] padded = JpegFaults.pad(jpeg, minBytes);

            assertThat(padded.length).as("padded to %d", minBytes).isBetween(minBytes, minBytes + 3);
            assertThat(Jpegs.startsWithSoi(padded)).isTrue();
            assertThat(Jpegs.endsWithEoi(padded)).isTrue();
            assertThat(Jpegs.headerMarkers(padded)).startsWith(Jpegs.APP0, 0xEF);
            assertThat(Jpegs.decode(padded).getWidth()).isEqualTo(160);
        }
    }

    @Test
    void paddingLeavesLargeEnoughPicturesAlone() {
        assertThat(JpegFaults.pad(jpeg, jpeg.length)).isSameAs(jpeg);
    }

    @Test
    void truncatedPictureIsTheFirstHalf() {
        byte[] truncated = JpegFaults.truncate(jpeg);

        assertThat(truncated).hasSize(jpeg.length / 2).startsWith(jpeg[0], jpeg[1]);
        assertThat(Jpegs.endsWithEoi(truncated)).isFalse();
    }

    @Test
    void noiseHasNoMarkerByte() {
        assertThat(JpegFaults.noise(10_000)).hasSize(10_000).doesNotContain((byte) 0xFF);
    }
}
