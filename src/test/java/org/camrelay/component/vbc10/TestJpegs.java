package org.camrelay.component.vbc10;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.w3c.dom.Node;

/** JPEG test data: real images from ImageIO (4:2:0, as cameras send) and hand-built byte sequences. */
final class TestJpegs {

    private static final String NATIVE_FORMAT = "javax_imageio_jpeg_image_1.0";

    private TestJpegs() {
    }

    /** A baseline (SOF0) JPEG of a noisy gradient. */
    static byte[] baseline(int width, int height, long seed) {
        return encode(picture(width, height, seed), false, 0);
    }

    /** A progressive (SOF2) JPEG: several scans, with DHT segments between them. */
    static byte[] progressive(int width, int height, long seed) {
        return encode(picture(width, height, seed), true, 0);
    }

    /** A baseline JPEG with a restart interval, so its entropy-coded data holds RST0-7 markers. */
    static byte[] withRestarts(int width, int height, long seed, int interval) {
        return encode(picture(width, height, seed), false, interval);
    }

    /** {@code jpeg} with an EXIF APP1 segment, holding {@code thumbnail} (a whole JPEG), inserted after SOI. */
    static byte[] withExifThumbnail(byte[] jpeg, byte[] thumbnail) {
        byte[] exifHeader = "Exif\0\0MM\0*\0\0\0\b".getBytes(StandardCharsets.ISO_8859_1);
        return insertAfterSoi(jpeg, segment(0xE1, concat(exifHeader, thumbnail)));
    }

    static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
        return concat(slice(jpeg, 0, 2), segment, slice(jpeg, 2, jpeg.length));
    }

    /** A marker segment: FF, marker, 2-byte length (which counts itself), content. */
    static byte[] segment(int marker, byte[] content) {
        int length = content.length + 2;
        return concat(new byte[] { (byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length }, content);
    }

    /** SOI, SOF0 for one component, SOS, the given entropy-coded bytes, EOI. */
    static byte[] handBuilt(int width, int height, byte[] entropyCoded) {
        byte[] sof = { 8, (byte) (height >> 8), (byte) height, (byte) (width >> 8), (byte) width, 1, 1, 0x11, 0 };
        byte[] sos = { 1, 1, 0, 0, 63, 0 };
        return concat(bytes(0xFF, 0xD8), segment(0xC0, sof), segment(0xDA, sos), entropyCoded, bytes(0xFF, 0xD9));
    }

    /** {@code size} bytes of entropy-coded data without markers (no 0xFF at all). */
    static byte[] entropyCoded(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        for (int i = 0; i < size; i++) {
            if (data[i] == (byte) 0xFF) {
                data[i] = (byte) 0xFE;
            }
        }
        return data;
    }

    static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] slice(byte[] data, int from, int to) {
        byte[] result = new byte[to - from];
        System.arraycopy(data, from, result, 0, result.length);
        return result;
    }

    /** Index of the first occurrence of {@code pattern} in {@code data} at or after {@code from}, or -1. */
    static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static BufferedImage picture(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (x * 255 / width + random.nextInt(32)) & 0xFF;
                int g = (y * 255 / height + random.nextInt(32)) & 0xFF;
                image.setRGB(x, y, r << 16 | g << 8 | (int) (seed * 37 & 0xFF));
            }
        }
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.drawString("camrelay " + seed, 2, Math.min(height - 2, 14));
        graphics.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, boolean progressive, int restartInterval) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
            if (restartInterval > 0) {
                addRestartInterval(metadata, restartInterval);
            }
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, metadata), param);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    private static void addRestartInterval(IIOMetadata metadata, int interval) throws IIOInvalidTreeException {
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(NATIVE_FORMAT);
        Node markers = root.getElementsByTagName("markerSequence").item(0);
        IIOMetadataNode dri = new IIOMetadataNode("dri");
        dri.setAttribute("interval", Integer.toString(interval));
        markers.insertBefore(dri, markers.getFirstChild());
        metadata.setFromTree(NATIVE_FORMAT, root);
    }
}
