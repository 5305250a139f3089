package org.camrelay.simulator;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * The world the simulated camera looks at, drawn as the view of a head position: a scene wider than the whole
 * pan and tilt range, so that pan, tilt and zoom visibly change the picture.
 *
 * <ul>
 * <li>A detailed texture covers everything, as a street scene would: a flat test pattern would compress to a
 *     fraction of what real pictures cost, and make every figure measured with the simulator (bytes per frame,
 *     encoder bit rate, viewers per core) look better than the real thing. It moves with the view and, like
 *     traffic, drifts sideways by itself, one pixel in 160 per frame, so that video encoders work on every frame
 *     as on a real camera's. It repeats itself at every doubling of the zoom, so that it stays as detailed at any
 *     zoom.</li>
 * <li>Landmarks stand fixed in the world every 30 degrees of pan from -180 to 180: a building 8 degrees wide
 *     from tilt -30 to +5 degrees, each in its own colour ({@link #landmarkColour(int)}) with dark windows,
 *     its pan angle written on it and a disc of 3 degrees in a lighter shade at tilt -10. A test
 *     can tell where the camera looks by the colour of the picture's middle.</li>
 * <li>Degree marks: a pan scale along the top and a tilt scale along the left edge, labelled in degrees, and the
 *     horizon (tilt 0) as a thin line.</li>
 * </ul>
 *
 * Angles map to pixels linearly, with square pixels, from the horizontal angle of view: a camera's projection is
 * not linear, but a test picture need not be that exact.
 */
final class Scene {

    /** The pan angles of the landmarks, in degrees. */
    static final int FIRST_LANDMARK = -180;
    static final int LANDMARK_SPACING = 30;
    static final int LANDMARKS = 13;

    private static final double LANDMARK_HALF_WIDTH = 4;
    private static final double LANDMARK_TOP = 5;
    private static final double LANDMARK_BOTTOM = -30;
    private static final double SIGN_TILT = -10;
    private static final double SIGN_DIAMETER = 3;
    private static final int[] SCALE_STEPS = {1, 2, 5, 10, 15, 30, 45, 90};
    private static final int MIN_WINDOW_SPACING = 16;
    // opaque: blending costs more per pixel than the whole rest of the scene
    private static final Color BAND = new Color(24, 24, 24);
    private static final Color HORIZON = new Color(220, 220, 220);
    private static final Color[] WALLS = new Color[LANDMARKS];
    private static final Color[] WINDOWS = new Color[LANDMARKS];
    private static final Color[] SIGNS = new Color[LANDMARKS];

    static {
        for (int i = 0; i < LANDMARKS; i++) {
            Color colour = landmarkColour(i);
            WALLS[i] = colour;
            WINDOWS[i] = new Color(colour.getRed() / 3, colour.getGreen() / 3, colour.getBlue() / 3);
            SIGNS[i] = new Color((colour.getRed() + 255) / 2, (colour.getGreen() + 255) / 2, (colour.getBlue() + 255) / 2);
        }
    }

    private final int width;
    private final int height;
    private final BufferedImage tile;
    private final StringBuilder label = new StringBuilder();

    Scene(FrameSize size) {
        width = size.width();
        height = size.height();
        tile = tile(width, height);
    }

    /**
     * The colour of landmark {@code index} (0 for pan -180 degrees, 6 for 0, 12 for 180): hues 150 degrees apart
     * from one landmark to the next, so that neighbours differ clearly.
     */
    static Color landmarkColour(int index) {
        return Color.getHSBColor((index * 5 % 12) / 12f, 0.85f, 0.95f);
    }

    /** Draws the view from {@code position} on {@code g}, which covers {@code width x height} pixels. */
    void paint(Graphics2D g, HeadPosition position, long frameNumber) {
        // everything here is whole-pixel rectangles, and antialiasing them costs several times their drawing
        Object antialiasing = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        try {
            paintView(g, position, frameNumber);
        } finally {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, antialiasing);
        }
    }

    private void paintView(Graphics2D g, HeadPosition position, long frameNumber) {
        double pxPerDegree = width / (position.zoom() / 100.0);
        double pan = position.pan() / 100.0;
        double tilt = position.tilt() / 100.0;
        paintTexture(g, pan, tilt, position.zoom(), frameNumber);
        double horizon = y(0, tilt, pxPerDegree);
        if (horizon >= 0 && horizon < height) {
            g.setColor(HORIZON);
            g.fillRect(0, (int) horizon, width, Math.max(1, height / 240));
        }
        paintLandmarks(g, pan, tilt, pxPerDegree);
        paintScales(g, pan, tilt, pxPerDegree);
    }

    /**
     * The texture at zoom factor f = 47.5 degrees / view angle: the tile's pixels are 2^k times finer in the world
     * for the octave k = floor(log2 f) and drawn s = f / 2^k times enlarged, so that it is always between one and
     * two screen pixels per texture pixel.
     */
    private void paintTexture(Graphics2D g, double pan, double tilt, int zoomHundredths, long frameNumber) {
        double factor = Math.max(1, HeadLimits.VB_C10.zoomWide() / (double) zoomHundredths);
        int octave = (int) Math.floor(Math.log(factor) / Math.log(2));
        double scale = factor / (1 << octave);
        double texelsPerDegree = width / (HeadLimits.VB_C10.zoomWide() / 100.0) * (1 << octave);
        int tw = tile.getWidth();
        int th = tile.getHeight();
        double drift = (double) (frameNumber % (1L << 40)) * Math.max(1, tw / 160);
        double centreU = pan * texelsPerDegree + drift;
        double centreV = -tilt * texelsPerDegree;
        // the texture coordinates at the top left corner, and the first tile to its left and above
        double leftU = centreU - width / 2.0 / scale;
        double topV = centreV - height / 2.0 / scale;
        long firstColumn = (long) Math.floor(leftU / tw);
        long firstRow = (long) Math.floor(topV / th);
        for (long row = firstRow; ; row++) {
            int y0 = (int) Math.floor((row * th - topV) * scale);
            if (y0 >= height) {
                break;
            }
            int y1 = (int) Math.floor(((row + 1) * th - topV) * scale);
            for (long column = firstColumn; ; column++) {
                int x0 = (int) Math.floor((column * tw - leftU) * scale);
                if (x0 >= width) {
                    break;
                }
                int x1 = (int) Math.floor(((column + 1) * tw - leftU) * scale);
                g.drawImage(tile, x0, y0, x1 - x0, y1 - y0, null);
            }
        }
    }

    private void paintLandmarks(Graphics2D g, double pan, double tilt, double pxPerDegree) {
        double halfView = width / 2.0 / pxPerDegree + LANDMARK_HALF_WIDTH;
        int digits = (int) (2.5 * pxPerDegree);
        for (int i = 0; i < LANDMARKS; i++) {
            int angle = FIRST_LANDMARK + i * LANDMARK_SPACING;
            if (Math.abs(angle - pan) > halfView) {
                continue;
            }
            int left = (int) Math.round(x(angle - LANDMARK_HALF_WIDTH, pan, pxPerDegree));
            int right = (int) Math.round(x(angle + LANDMARK_HALF_WIDTH, pan, pxPerDegree));
            int top = (int) Math.round(y(LANDMARK_TOP, tilt, pxPerDegree));
            int bottom = (int) Math.round(y(LANDMARK_BOTTOM, tilt, pxPerDegree));
            fill(g, WALLS[i], left, top, right, bottom);
            paintWindows(g, i, angle, pan, tilt, pxPerDegree, top, bottom);
            int sign = (int) Math.round(SIGN_DIAMETER * pxPerDegree);
            int cx = (int) Math.round(x(angle, pan, pxPerDegree));
            int cy = (int) Math.round(y(SIGN_TILT, tilt, pxPerDegree));
            if (visible(cx - sign / 2, cy - sign / 2, cx + sign / 2, cy + sign / 2)) {
                g.setColor(SIGNS[i]);
                g.fillOval(cx - sign / 2, cy - sign / 2, sign, sign);
            }
            if (digits >= 5 && digits < height) {
                label.setLength(0);
                label.append(angle);
                int labelTop = (int) Math.round(y(-3, tilt, pxPerDegree));
                int labelLeft = cx - label.length() * digits / 3;
                if (visible(labelLeft, labelTop, labelLeft + label.length() * digits, labelTop + digits)) {
                    g.setColor(Color.BLACK);
                    SegmentDisplay.draw(g, label, labelLeft, labelTop, digits);
                }
            }
        }
    }

    /**
     * Windows fixed in the world, a power of two degrees apart so that they are 16 to 32 pixels apart at any zoom:
     * a wall keeps its detail when zoomed in, as the texture does.
     */
    private void paintWindows(Graphics2D g, int landmark, int angle, double pan, double tilt, double pxPerDegree,
                              int top, int bottom) {
        double spacing = 1;
        while (spacing * pxPerDegree < MIN_WINDOW_SPACING) {
            spacing *= 2;
        }
        while (spacing * pxPerDegree >= 2 * MIN_WINDOW_SPACING) {
            spacing /= 2;
        }
        int windowWidth = Math.max(1, (int) (spacing * pxPerDegree / 2));
        int windowHeight = Math.max(1, (int) (spacing * pxPerDegree * 0.6));
        g.setColor(WINDOWS[landmark]);
        int y0 = Math.max(0, top);
        int y1 = Math.min(height, bottom);
        for (double t = LANDMARK_TOP - spacing; t > LANDMARK_BOTTOM; t -= spacing) {
            int y = (int) Math.round(y(t, tilt, pxPerDegree));
            if (y + windowHeight <= y0 || y >= y1) {
                continue;
            }
            for (double p = angle - LANDMARK_HALF_WIDTH + spacing / 4; p + spacing / 2 <= angle + LANDMARK_HALF_WIDTH;
                 p += spacing) {
                int x = (int) Math.round(x(p, pan, pxPerDegree));
                if (x + windowWidth > 0 && x < width) {
                    g.fillRect(x, y, windowWidth, windowHeight);
                }
            }
        }
    }

    /** A pan scale along the top and a tilt scale along the left edge, a tick and its angle every few degrees. */
    private void paintScales(Graphics2D g, double pan, double tilt, double pxPerDegree) {
        int band = Math.max(8, height / 16);
        int digits = Math.max(5, band / 2);
        int tick = Math.max(2, band / 4);
        int step = step(pxPerDegree, digits);
        g.setColor(BAND);
        g.fillRect(0, 0, width, band);
        int stroke = Math.max(1, digits / 8);
        g.fillRect(0, band, tick + 2 + 4 * (Math.max(3 * stroke, digits / 2) + 2 * stroke), height - band);
        g.setColor(Color.WHITE);
        double halfWidth = width / 2.0 / pxPerDegree;
        for (long angle = (long) Math.ceil((pan - halfWidth) / step) * step; angle <= pan + halfWidth; angle += step) {
            int x = (int) Math.round(x(angle, pan, pxPerDegree));
            g.fillRect(x, 0, Math.max(1, tick / 2), tick);
            label.setLength(0);
            label.append(angle);
            SegmentDisplay.draw(g, label, x + tick, tick / 2, digits);
        }
        double halfHeight = height / 2.0 / pxPerDegree;
        for (long angle = (long) Math.ceil((tilt - halfHeight) / step) * step; angle <= tilt + halfHeight; angle += step) {
            int y = (int) Math.round(y(angle, tilt, pxPerDegree));
            if (y < band) {
                continue;
            }
            g.fillRect(0, y, tick, Math.max(1, tick / 2));
            label.setLength(0);
            label.append(angle);
            SegmentDisplay.draw(g, label, tick + 1, y + 1, digits);
        }
    }

    /** The smallest step whose labels do not run into each other. */
    private static int step(double pxPerDegree, int digits) {
        double spacing = 4.5 * digits; // room for "-180" and a gap
        for (int step : SCALE_STEPS) {
            if (step * pxPerDegree >= spacing) {
                return step;
            }
        }
        return SCALE_STEPS[SCALE_STEPS.length - 1];
    }

    private double x(double panDegrees, double centrePan, double pxPerDegree) {
        return width / 2.0 + (panDegrees - centrePan) * pxPerDegree;
    }

    private double y(double tiltDegrees, double centreTilt, double pxPerDegree) {
        return height / 2.0 - (tiltDegrees - centreTilt) * pxPerDegree;
    }

    private boolean visible(int left, int top, int right, int bottom) {
        return right >= 0 && left < width && bottom >= 0 && top < height;
    }

    private void fill(Graphics2D g, Color colour, int left, int top, int right, int bottom) {
        int x0 = Math.max(0, left);
        int y0 = Math.max(0, top);
        int x1 = Math.min(width, right);
        int y1 = Math.min(height, bottom);
        if (x1 > x0 && y1 > y0) {
            g.setColor(colour);
            g.fillRect(x0, y0, x1 - x0, y1 - y0);
        }
    }

    /**
     * A tile of detailed texture the size of the picture that repeats seamlessly both ways: a gradient cyclic
     * across the width, and small rectangles of random colours wrapped around its edges.
     */
    private static BufferedImage tile(int w, int h) {
        BufferedImage tile = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = tile.createGraphics();
        Random random = new Random(w * 31L + h);
        g.setPaint(new GradientPaint(0, 0, new Color(30, 90, 200), w / 2f, 0, new Color(230, 160, 40), true));
        g.fillRect(0, 0, w, h);
        int detail = Math.max(1, w * h / 500);
        for (int i = 0; i < detail; i++) {
            int x = random.nextInt(w);
            int y = random.nextInt(h);
            int side = 2 + random.nextInt(Math.max(1, Math.min(w, h) / 12));
            int tall = 1 + random.nextInt(side + 1);
            g.setColor(new Color(random.nextInt(0x1000000)));
            for (int dx = 0; dx <= w; dx += w) {
                for (int dy = 0; dy <= h; dy += h) {
                    g.fillRect(x - dx, y - dy, side, tall);
                }
            }
        }
        g.dispose();
        return tile;
    }
}
