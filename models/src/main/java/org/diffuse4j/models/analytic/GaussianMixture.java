package org.diffuse4j.models.analytic;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.ShapeMismatchException;
import org.diffuse4j.api.Tensor;

/**
 * An isotropic Gaussian mixture Σ_k π_k N(μ_k, s_k² I) in d dimensions with K components: weights π
 * (positive, summing to 1), means μ (K × d) and standard deviations s (positive). Arrays are copied in
 * and out; equality compares contents.
 */
public record GaussianMixture(double[] weights, double[][] means, double[] stds) {
    private static final double WEIGHT_SUM_TOLERANCE = 1e-9;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    public GaussianMixture {
        if (weights == null || weights.length == 0) throw new ConfigurationException("weights", "need at least one component");
        int k = weights.length;
        double sum = 0;
        for (int i = 0; i < k; i++) {
            if (!(weights[i] > 0 && Double.isFinite(weights[i]))) {
                throw new ConfigurationException("weights", "every weight must be positive and finite; weights[" + i + "] = " + weights[i]);
            }
            sum += weights[i];
        }
        if (!(Math.abs(sum - 1) <= WEIGHT_SUM_TOLERANCE)) {
            throw new ConfigurationException("weights", "must sum to 1 within " + WEIGHT_SUM_TOLERANCE + ", sum is " + sum);
        }
        if (means == null || means.length != k) {
            throw new ConfigurationException("means", "need one mean per weight (" + k + "), got " + (means == null ? "none" : means.length));
        }
        if (means[0] == null || means[0].length == 0) throw new ConfigurationException("means", "means[0] is empty");
        int d = means[0].length;
        double[][] meansCopy = new double[k][];
        for (int i = 0; i < k; i++) {
            if (means[i] == null || means[i].length != d) {
                throw new ConfigurationException("means", "all means need dimension " + d + " (of means[0]); means[" + i + "] has "
                        + (means[i] == null ? "none" : means[i].length));
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(means[i][j])) throw new ConfigurationException("means", "means[" + i + "][" + j + "] = " + means[i][j]);
            }
            meansCopy[i] = means[i].clone();
        }
        if (stds == null || stds.length != k) {
            throw new ConfigurationException("stds", "need one std per weight (" + k + "), got " + (stds == null ? "none" : stds.length));
        }
        for (int i = 0; i < k; i++) {
            if (!(stds[i] > 0 && Double.isFinite(stds[i]))) {
                throw new ConfigurationException("stds", "every std must be positive and finite; stds[" + i + "] = " + stds[i]);
            }
        }
        weights = weights.clone();
        means = meansCopy;
        stds = stds.clone();
    }

    /** The Gaussian N(μ, s² I) as a one-component mixture. */
    public static GaussianMixture single(double[] mean, double std) {
        return new GaussianMixture(new double[] {1}, new double[][] {mean}, new double[] {std});
    }

    /** Dimension d. */
    public int dimension() { return means[0].length; }

    /** Number of components K. */
    public int components() { return weights.length; }

    /** The weights π_k (a copy). */
    @Override public double[] weights() { return weights.clone(); }

    /** The means μ_k, K × d (a deep copy). */
    @Override public double[][] means() {
        double[][] out = new double[means.length][];
        for (int i = 0; i < out.length; i++) out[i] = means[i].clone();
        return out;
    }

    /** The standard deviations s_k (a copy). */
    @Override public double[] stds() { return stds.clone(); }

    /**
     * {@code n} exact samples as an n × d tensor: component k ~ Categorical(π), then μ_k + s_k z with
     * z ~ N(0, I). Deterministic in {@code seed}.
     */
    public Tensor sample(int n, long seed) {
        if (n <= 0) throw new ConfigurationException("n", "need a positive number of samples, got " + n);
        SplittableRandom rng = new SplittableRandom(seed);
        int d = dimension();
        double[] out = new double[n * d];
        for (int row = 0; row < n; row++) {
            double u = rng.nextDouble();
            int k = 0;
            double cum = weights[0];
            while (u >= cum && k < weights.length - 1) cum += weights[++k];   // inverse CDF of Categorical(π)
            for (int j = 0; j < d; j++) out[row * d + j] = means[k][j] + stds[k] * rng.nextGaussian();
        }
        return Tensor.of(new int[] {n, d}, out);
    }

    /** log p(x) = log Σ_k π_k N(x; μ_k, s_k² I), by log-sum-exp. */
    public double logDensity(double[] x) {
        int d = dimension();
        if (x.length != d) throw new ShapeMismatchException("x has " + x.length + " values, the mixture has dimension " + d);
        double[] terms = new double[weights.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < terms.length; k++) {
            double var = stds[k] * stds[k], r2 = 0;
            for (int j = 0; j < d; j++) {
                double r = x[j] - means[k][j];
                r2 += r * r;
            }
            terms[k] = Math.log(weights[k]) - 0.5 * d * (LOG_2PI + Math.log(var)) - r2 / (2 * var);
            max = Math.max(max, terms[k]);
        }
        double s = 0;
        for (double t : terms) s += Math.exp(t - max);
        return max + Math.log(s);
    }

    @Override public boolean equals(Object o) {
        return o instanceof GaussianMixture m && Arrays.equals(weights, m.weights)
                && Arrays.deepEquals(means, m.means) && Arrays.equals(stds, m.stds);
    }

    @Override public int hashCode() {
        return 31 * (31 * Arrays.hashCode(weights) + Arrays.deepHashCode(means)) + Arrays.hashCode(stds);
    }

    @Override public String toString() {
        return "GaussianMixture[K=" + components() + ", d=" + dimension() + ", weights=" + Arrays.toString(weights)
                + ", stds=" + Arrays.toString(stds) + "]";
    }
}
