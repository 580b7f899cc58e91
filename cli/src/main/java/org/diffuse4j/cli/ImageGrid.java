package org.diffuse4j.cli;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.diffuse4j.api.Tensor;

/**
 * A PNG grid of image samples of shape [C, H, W] (C = 1: grey-scale, dark ink on white; C = 3: RGB): the first
 * {@value #MAX_TILES} samples, {@value #COLUMNS} per row, each pixel drawn as a block so that 8 × 8 images are
 * legible. Values are taken in [−1, 1] (the training range), clamped.
 */
final class ImageGrid {
    static final int MAX_TILES = 100;
    static final int COLUMNS = 10;
    private static final int GAP = 4;
    private static final int TITLE = 28;

    private ImageGrid() {}

    /** True when {@code shape} (without the batch axis) is one the grid draws: [C, H, W] with C = 1 or 3, or [H, W]. */
    static boolean drawable(int[] shape) {
        return shape.length == 2 || shape.length == 3 && (shape[0] == 1 || shape[0] == 3);
    }

    static void write(Tensor samples, int[] shape, String title, Path png) throws IOException {
        if (!drawable(shape)) throw new IllegalArgumentException("cannot draw images of shape " + java.util.Arrays.toString(shape));
        int c = shape.length == 2 ? 1 : shape[0], h = shape[shape.length - 2], w = shape[shape.length - 1];
        int n = Math.min(MAX_TILES, samples.rows());
        int columns = Math.min(COLUMNS, n), rows = (n + columns - 1) / columns;
        int scale = Math.max(1, 48 / Math.max(h, w));   // an 8 × 8 image becomes 48 × 48
        int tileW = w * scale, tileH = h * scale;
        int width = Math.max(columns * (tileW + GAP) + GAP, 360), height = TITLE + rows * (tileH + GAP) + GAP;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(new Color(200, 205, 215));
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            g.drawString(title, GAP, TITLE - 9);
            for (int i = 0; i < n; i++) {
                int x0 = GAP + (i % columns) * (tileW + GAP), y0 = TITLE + (i / columns) * (tileH + GAP);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int rgb;
                        if (c == 1) {
                            int v = 255 - level(samples.get(i, y * w + x));   // ink (+1) dark on white paper (−1)
                            rgb = v << 16 | v << 8 | v;
                        } else {
                            rgb = level(samples.get(i, y * w + x)) << 16 | level(samples.get(i, (h + y) * w + x)) << 8
                                    | level(samples.get(i, (2 * h + y) * w + x));
                        }
                        g.setColor(new Color(rgb));
                        g.fillRect(x0 + x * scale, y0 + y * scale, scale, scale);
                    }
                }
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(img, "png", png.toFile());
    }

    /** A value in [−1, 1] as 0 … 255. */
    private static int level(double v) {
        return (int) Math.round(255 * Math.max(0, Math.min(1, (v + 1) / 2)));
    }
}
