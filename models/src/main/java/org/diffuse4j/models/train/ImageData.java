package org.diffuse4j.models.train;

import java.util.List;
import java.util.SplittableRandom;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.models.card.ModelCard;

/**
 * Rows of another source read as images of shape [C, H, W]: each row holds C·H·W values, channel by channel,
 * each channel row-major (e.g. a CSV of flattened 8 × 8 grey-scale images is [1, 8, 8]).
 */
public final class ImageData implements TrainingData {
    private final TrainingData rows;
    private final List<Integer> shape;

    private ImageData(TrainingData rows, List<Integer> shape) {
        this.rows = rows;
        this.shape = shape;
    }

    /**
     * {@code rows} as images of {@code shape}, [C, H, W] or [H, W] (one channel).
     *
     * @throws ConfigurationException naming {@code image-shape} when the shape is not of rank 2 or 3, has an axis below 1
     *     or does not hold exactly the rows' values
     */
    public static ImageData of(TrainingData rows, List<Integer> shape) {
        if (shape.size() != 2 && shape.size() != 3) {
            throw new ConfigurationException("image-shape", "must be CxHxW or HxW, got " + shape);
        }
        long n = 1;
        for (int s : shape) {
            if (s < 1) throw new ConfigurationException("image-shape", "every axis must be at least 1, got " + shape);
            n *= s;
        }
        List<Integer> chw = shape.size() == 2 ? List.of(1, shape.get(0), shape.get(1)) : List.copyOf(shape);
        if (n != rows.dimension()) {
            throw new ConfigurationException("image-shape", chw + " holds " + n + " values, but the data has " + rows.dimension() + " per row");
        }
        return new ImageData(rows, chw);
    }

    /** Parses "CxHxW" or "HxW" (e.g. "1x8x8"). */
    public static List<Integer> parseShape(String text) {
        String[] parts = text.strip().split("[x×,]");
        try {
            return java.util.Arrays.stream(parts).map(p -> Integer.valueOf(p.strip())).toList();
        } catch (NumberFormatException e) {
            throw new ConfigurationException("image-shape", "'" + text + "' is not CxHxW or HxW (e.g. 1x8x8)");
        }
    }

    @Override public int dimension() { return rows.dimension(); }

    @Override public List<Integer> shape() { return shape; }

    @Override public int numClasses() { return rows.numClasses(); }

    @Override public Examples sample(int n, SplittableRandom rng) { return rows.sample(n, rng); }

    @Override public ModelCard.DataSource describe() { return rows.describe(); }

    @Override public String labelMeaning() { return rows.labelMeaning(); }
}
