package org.diffuse4j.models.train;

import java.util.SplittableRandom;
import org.diffuse4j.models.card.ModelCard;

/** A source of training examples x₀ (with class labels when the data has classes). */
public interface TrainingData {
    /** Values per example: the product of {@link #shape()}. */
    int dimension();

    /** The shape of one example: [dimension] for points, [C, H, W] for images (values row-major in that order). */
    default java.util.List<Integer> shape() { return java.util.List.of(dimension()); }

    /** Number of classes; 0 when the data is unlabelled. */
    int numClasses();

    /** {@code n} examples, row-major n × dimension, drawn with {@code rng}. */
    Examples sample(int n, SplittableRandom rng);

    /** What a model card records about the data. */
    ModelCard.DataSource describe();

    /** What the labels mean, for the model card (null when unlabelled). */
    default String labelMeaning() { return numClasses() == 0 ? null : "class label"; }

    /**
     * Examples: points row-major and one label per row (null when unlabelled).
     *
     * @param points n × dimension values
     * @param labels n labels in 0 … numClasses − 1, or null
     */
    record Examples(double[] points, int[] labels) {}
}
