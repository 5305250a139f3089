package org.camrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Reads the JPEG structure the tests check. */
final class Jpegs {

    static final int SOI = 0xD8;
    static final int EOI = 0xD9;
    static final int SOF0 = 0xC0;
    static final int SOS = 0xDA;
    static final int APP0 = 0xE0;

    private Jpegs() {
    }

    static BufferedImage decode(byte[] jpeg) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            assertThat(image).as("decodable JPEG").isNotNull();
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The mean colour of a region, as {red, green, blue}. */
    static double[] meanColour(BufferedImage image, int x0, int y0, int x1, int y1) {
        double[] sum = new double[3];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = image.getRGB(x, y);
                sum[0] += rgb >> 16 & 0xFF;
                sum[1] += rgb >> 8 & 0xFF;
                sum[2] += rgb & 0xFF;
            }
        }
        int pixels = (x1 - x0) * (y1 - y0);
        return new double[] {sum[0] / pixels, sum[1] / pixels, sum[2] / pixels};
    }

    /** The hue (0 to 1) of the mean colour of the picture's middle: below the pan scale, above the caption. */
    static float middleHue(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        double[] mean = meanColour(image, w / 4, h / 5, w, h * 3 / 4);
        return java.awt.Color.RGBtoHSB((int) mean[0], (int) mean[1], (int) mean[2], null)[0];
    }

    /** The distance between two hues on the colour circle, 0 to 0.5. */
    static double hueDistance(float a, float b) {
        double d = Math.abs(a - b) % 1;
        return Math.min(d, 1 - d);
    }

    /** The mean absolute difference of two pictures' pixels, per channel, 0 to 255. */
    static double difference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs((p >> shift & 0xFF) - (q >> shift & 0xFF));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }

    static boolean startsWithSoi(byte[] jpeg) {
        return jpeg.length >= 2 && (jpeg[0] & 0xFF) == 0xFF && (jpeg[1] & 0xFF) == SOI;
    }

    static boolean endsWithEoi(byte[] jpeg) {
        return jpeg.length >= 2 && (jpeg[jpeg.length - 2] & 0xFF) == 0xFF && (jpeg[jpeg.length - 1] & 0xFF) == EOI;
    }

    /** The markers of the segments before the scan, in order, e.g. [E0, DB, C0, C4, DA]. */
    static List<Integer> headerMarkers(byte[] jpeg) {
        return headerSegments(jpeg).stream().map(at -> jpeg[at + 1] & 0xFF).toList();
    }

    /** The horizontal and vertical sampling factors of each component, from SOF0: {{H, V}, ...}. */
    static int[][] sof0Sampling(byte[] jpeg) {
        int at = headerSegments(jpeg).stream().filter(offset -> (jpeg[offset + 1] & 0xFF) == SOF0).findFirst()
                .orElseThrow(() -> new AssertionError("no SOF0 segment, so not baseline"));
        int components = jpeg[at + 9] & 0xFF;
        int[][] sampling = new int[components][];
        for (int i = 0; i < components; i++) {
            int factors = jpeg[at + 11 + 3 * i] & 0xFF;
            sampling[i] = new int[] {factors >> 4, factors & 0x0F};
        }
        return sampling;
    }

    /** The offsets of the segments from after SOI up to and including the start of scan. */
    private static List<Integer> headerSegments(byte[] jpeg) {
        List<Integer> offsets = new ArrayList<>();
        int at = 2;
        while (at + 4 <= jpeg.length) {
            assertThat(jpeg[at] & 0xFF).as("marker prefix at %d", at).isEqualTo(0xFF);
            offsets.add(at);
            if ((jpeg[at + 1] & 0xFF) == SOS) {
                break;
            }
            at += 2 + ((jpeg[at + 2] & 0xFF) << 8 | (jpeg[at + 3] & 0xFF));
        }
        return offsets;
    }
}
