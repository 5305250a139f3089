package org.camrelay.simulator;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.w3c.dom.NodeList;

/**
 * Paints the test picture of one size and encodes it as a baseline JFIF JPEG with 4:2:0 chroma
 * subsampling, like a VB-C10 sends. The picture is the camera head's view of a {@link Scene}; in front of it
 * a ball moves with the frame number, and a caption shows the frame number and the wall clock, so a human sees
 * at a glance that video is live. Reuses its image, graphics and buffers, so it is not thread-safe.
 */
final class FrameRenderer implements AutoCloseable {

    /** The JPEG quality, as GetVideoInfo's {@code image_quality} (1 to 100 on a VB-C10) reports it. */
    static final int QUALITY_PERCENT = 80;

    private static final float QUALITY = QUALITY_PERCENT / 100f;
    private static final String JPEG_METADATA_FORMAT = "javax_imageio_jpeg_image_1.0";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final Color BAND = new Color(0, 0, 0, 160);

    private final FrameSize size;
    private final BufferedImage image;
    private final Graphics2D graphics;
    private final ImageWriter writer;
    private final ImageWriteParam param;
    private final IIOMetadata metadata;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(16 * 1024);
    private final StringBuilder caption = new StringBuilder();
    private final Scene scene;

    FrameRenderer(FrameSize size) {
        this.size = size;
        image = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_3BYTE_BGR);
        graphics = image.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(QUALITY);
        metadata = subsampled420(writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param));
        scene = new Scene(size);
    }

    /** Renders and encodes the picture of one frame, seen from the head's home position. */
    byte[] render(long frameNumber, Instant wallClock) {
        return render(frameNumber, wallClock, HeadPosition.HOME);
    }

    /** Renders and encodes the picture of one frame as the head sees it from {@code position}. */
    byte[] render(long frameNumber, Instant wallClock, HeadPosition position) {
        paint(frameNumber, wallClock, position);
        buffer.reset();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(buffer)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, metadata), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a " + size + " JPEG", e);
        }
        return buffer.toByteArray();
    }

    private void paint(long frameNumber, Instant wallClock, HeadPosition position) {
        int w = size.width();
        int h = size.height();
        // the view of the scene, and a ball on a slow Lissajous path
        scene.paint(graphics, position, frameNumber);
        int ball = Math.max(4, Math.min(w, h) / 4);
        double t = frameNumber / 8.0;
        int cx = (int) (w / 2.0 + (w - ball) / 2.0 * Math.sin(t));
        int cy = (int) (h / 2.0 + (h - ball) / 2.0 * Math.sin(t * 1.7));
        graphics.setColor(Color.WHITE);
        graphics.fillOval(cx - ball / 2, cy - ball / 2, ball, ball);

        int digits = Math.max(5, h / 12);
        int margin = Math.max(2, digits / 3);
        graphics.setColor(BAND);
        graphics.fillRect(0, h - digits - 2 * margin, w, digits + 2 * margin);
        caption.setLength(0);
        caption.append(frameNumber).append("  ");
        CLOCK.formatTo(LocalTime.ofInstant(wallClock, ZoneId.systemDefault()), caption);
        graphics.setColor(Color.GREEN);
        SegmentDisplay.draw(graphics, caption, margin, h - digits - margin, digits);
    }

    @Override
    public void close() {
        graphics.dispose();
        writer.dispose();
    }

    /**
     * Asks for luma sampled 2x2 and chroma 1x1 explicitly rather than trusting the writer's default,
     * because the relay's clients are tested against what the real camera sends.
     */
    private static IIOMetadata subsampled420(IIOMetadata metadata) {
        IIOMetadataNode tree = (IIOMetadataNode) metadata.getAsTree(JPEG_METADATA_FORMAT);
        NodeList components = tree.getElementsByTagName("componentSpec");
        for (int i = 0; i < components.getLength(); i++) {
            int factor = i == 0 ? 2 : 1;
            IIOMetadataNode component = (IIOMetadataNode) components.item(i);
            component.setAttribute("HsamplingFactor", Integer.toString(factor));
            component.setAttribute("VsamplingFactor", Integer.toString(factor));
        }
        try {
            metadata.setFromTree(JPEG_METADATA_FORMAT, tree);
        } catch (IIOInvalidTreeException e) {
            throw new IllegalStateException("the JDK's JPEG writer rejects 4:2:0 sampling", e);
        }
        return metadata;
    }
}
