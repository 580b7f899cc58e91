package org.diffuse4j.cli;

import org.diffuse4j.api.Tensor;
import org.diffuse4j.models.analytic.GaussianMixture;

/** Sample-quality figures for mixtures. */
final class Metrics {
    private Metrics() {}

    static int nearestMode(Tensor samples, int row, double[][] means) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int k = 0; k < means.length; k++) {
            double s = 0;
            for (int j = 0; j < means[k].length; j++) {
                double d = samples.get(row, j) - means[k][j];
                s += d * d;
            }
            if (s < bestD) {
                bestD = s;
                best = k;
            }
        }
        return best;
    }

    /** Mean Euclidean distance from each sample to its nearest mode. */
    static double meanNearestModeDistance(Tensor samples, GaussianMixture mixture) {
        double[][] means = mixture.means();
        double total = 0;
        for (int i = 0; i < samples.rows(); i++) {
            int k = nearestMode(samples, i, means);
            double s = 0;
            for (int j = 0; j < means[k].length; j++) {
                double d = samples.get(i, j) - means[k][j];
                s += d * d;
            }
            total += Math.sqrt(s);
        }
        return total / samples.rows();
    }

    /** Total variation between the fractions of samples nearest each mode and the mixture weights. */
    static double modeWeightTotalVariation(Tensor samples, GaussianMixture mixture) {
        double[][] means = mixture.means();
        double[] w = mixture.weights();
        double[] counts = new double[means.length];
        for (int i = 0; i < samples.rows(); i++) counts[nearestMode(samples, i, means)]++;
        double tv = 0;
        for (int k = 0; k < w.length; k++) tv += Math.abs(counts[k] / samples.rows() - w[k]);
        return tv / 2;
    }
}
