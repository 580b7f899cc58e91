package org.diffuse4j.models.train;

import java.util.SplittableRandom;
import org.diffuse4j.models.analytic.GaussianMixture;
import org.diffuse4j.models.card.ModelCard;

/**
 * Exact samples of a Gaussian mixture. Unlabelled data come from {@link GaussianMixture#sample}; labelled
 * data carry the component index k of each example (draw k ~ Categorical(π), then μ_k + s_k z).
 */
public final class MixtureData implements TrainingData {
    private final GaussianMixture mixture;
    private final String problem;
    private final boolean labelled;

    /**
     * @param mixture  the distribution
     * @param problem  its name (recorded in the model card; the CLI uses it to plot and score samples)
     * @param labelled whether each example carries its component index as class label
     */
    public MixtureData(GaussianMixture mixture, String problem, boolean labelled) {
        this.mixture = mixture;
        this.problem = problem;
        this.labelled = labelled;
    }

    /** The mixture. */
    public GaussianMixture mixture() { return mixture; }

    @Override public int dimension() { return mixture.dimension(); }

    @Override public int numClasses() { return labelled ? mixture.components() : 0; }

    @Override public Examples sample(int n, SplittableRandom rng) {
        if (!labelled) return new Examples(mixture.sample(n, rng.nextLong()).toArray(), null);
        int d = dimension();
        double[] w = mixture.weights(), stds = mixture.stds();
        double[][] means = mixture.means();
        double[] points = new double[n * d];
        int[] labels = new int[n];
        for (int row = 0; row < n; row++) {
            double u = rng.nextDouble();
            int k = 0;
            double cum = w[0];
            while (u >= cum && k < w.length - 1) cum += w[++k];   // inverse CDF of Categorical(π)
            labels[row] = k;
            for (int j = 0; j < d; j++) points[row * d + j] = means[k][j] + stds[k] * rng.nextGaussian();
        }
        return new Examples(points, labels);
    }

    @Override public ModelCard.DataSource describe() { return new ModelCard.DataSource(problem, null, null); }

    @Override public String labelMeaning() { return labelled ? "mixture component index" : null; }
}
