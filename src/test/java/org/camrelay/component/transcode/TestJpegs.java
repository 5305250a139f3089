package org.camrelay.component.transcode;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/** JPEG images made with the JDK's ImageIO, in the chroma subsamplings cameras use. */
final class TestJpegs {

    /** Chroma subsampling, as the luma component's sampling factors (each chroma component has 1x1). */
    enum Subsampling {
        YUV420(2, 2), YUV422(2, 1), YUV444(1, 1);

        final int horizontal;
        final int vertical;

        Subsampling(int horizontal, int vertical) {
            this.horizontal = horizontal;
            this.vertical = vertical;
        }
    }

    private static final String JPEG_METADATA = "javax_imageio_jpeg_image_1.0";

    private TestJpegs() {
    }

    /** A camera-like picture that changes from frame to frame: gradient, grain and a moving box with the number. */
    static byte[] scene(int width, int height, int frame, Subsampling subsampling) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setPaint(new GradientPaint(0, 0, Color.BLUE, width, height, Color.ORANGE));
        graphics.fillRect(0, 0, width, height);
        Random grain = new Random(frame);
        for (int i = 0; i < width * height / 100; i++) {
            image.setRGB(grain.nextInt(width), grain.nextInt(height), grain.nextInt());
        }
        graphics.setColor(Color.WHITE);
        graphics.fillRect(frame * 7 % width, height / 3, width / 6, height / 4);
        graphics.setColor(Color.BLACK);
        graphics.drawString("frame " + frame, frame * 7 % width, height / 3 + 14);
        graphics.dispose();
        return encode(image, subsampling);
    }

    /** One color all over. */
    static byte[] solid(int width, int height, Color color, Subsampling subsampling) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(color);
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        return encode(image, subsampling);
    }

    private static byte[] encode(BufferedImage image, Subsampling subsampling) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             ImageOutputStream output = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.9f);
            IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
            IIOMetadataNode tree = (IIOMetadataNode) metadata.getAsTree(JPEG_METADATA);
            IIOMetadataNode luma = (IIOMetadataNode) tree.getElementsByTagName("componentSpec").item(0);
            luma.setAttribute("HsamplingFactor", Integer.toString(subsampling.horizontal));
            luma.setAttribute("VsamplingFactor", Integer.toString(subsampling.vertical));
            metadata.setFromTree(JPEG_METADATA, tree);
            writer.setOutput(output);
            writer.write(null, new IIOImage(image, null, metadata), param);
            output.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }
}
