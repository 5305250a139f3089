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

        assertThat(truncated.length).isBetween(jpeg.length / 2 - 8, jpeg.length / 2);
        assertThat(truncated).startsWith(jpeg[0], jpeg[1]);
        assertThat(Jpegs.endsWithEoi(truncated)).isFalse();
    }

    @Test
    void aTruncatedPictureNeverEndsInAMarkerPrefix() {
        // the half-way cut falls right after 0xFF bytes: a stuffed 0xFF 0x00 pair and a fill byte before it
        byte[] picture = java.util.Arrays.copyOf(jpeg, jpeg.length);
        int half = picture.length / 2;
        picture[half - 2] = (byte) 0xFF;
        picture[half - 1] = (byte) 0xFF;
        picture[half] = 0x00;

        byte[] truncated = JpegFaults.truncate(picture);

        assertThat(truncated[truncated.length - 1]).isNotEqualTo((byte) 0xFF);
        assertThat(truncated).hasSize(half - 2);
    }

    @Test
    void noiseHasNoMarkerByte() {
        assertThat(JpegFaults.noise(10_000)).hasSize(10_000).doesNotContain((byte) 0xFF);
    }
}
