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

    /**
     * Fréchet distance between the Gaussian fitted to 2-d samples and the mixture's exact mean and covariance:
     * |μ₁ − μ₂|² + tr(Σ₁ + Σ₂ − 2(Σ₁Σ₂)^{1/2}), with tr √M = √(tr M + 2√det M) for a 2×2 M with real non-negative spectrum.
     */
    static double frechet2d(Tensor samples, GaussianMixture mixture) {
        int n = samples.rows();
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += samples.get(i, 0);
            my += samples.get(i, 1);
        }
        mx /= n;
        my /= n;
        double sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = samples.get(i, 0) - mx, dy = samples.get(i, 1) - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        sxx /= n - 1;
        sxy /= n - 1;
        syy /= n - 1;
        double[] w = mixture.weights(), s = mixture.stds();
        double[][] mu = mixture.means();
        double ex = 0, ey = 0;
        for (int k = 0; k < w.length; k++) {
            ex += w[k] * mu[k][0];
            ey += w[k] * mu[k][1];
        }
        double cxx = -ex * ex, cxy = -ex * ey, cyy = -ey * ey; // Σ = Σ_k π_k (s_k² I + μ_k μ_kᵀ) − μ μᵀ
        for (int k = 0; k < w.length; k++) {
            cxx += w[k] * (s[k] * s[k] + mu[k][0] * mu[k][0]);
            cxy += w[k] * mu[k][0] * mu[k][1];
            cyy += w[k] * (s[k] * s[k] + mu[k][1] * mu[k][1]);
        }
        double pxx = sxx * cxx + sxy * cxy, pxy = sxx * cxy + sxy * cyy, pyx = sxy * cxx + syy * cxy, pyy = sxy * cxy + syy * cyy;
        double det = pxx * pyy - pxy * pyx, tr = pxx + pyy;
        double trSqrt = Math.sqrt(Math.max(0, tr + 2 * Math.sqrt(Math.max(0, det))));
        double dmx = mx - ex, dmy = my - ey;
        return dmx * dmx + dmy * dmy + sxx + syy + cxx + cyy - 2 * trSqrt;
    }

    /** Unbiased MMD² with the RBF kernel exp(−|x − y|²/(2h²)) (Gretton et al. 2012, Eq. (3)). */
    static double mmd2(Tensor a, Tensor b, double h) {
        double g = 1 / (2 * h * h);
        return (kernelSum(a, a, g, true) + kernelSum(b, b, g, true) - 2 * kernelSum(a, b, g, false));
    }

    private static double kernelSum(Tensor a, Tensor b, double g, boolean same) {
        int n = a.rows(), m = b.rows(), d = a.rowSize();
        double[] x = a.toArray(), y = b.toArray();
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int j = same ? i + 1 : 0; j < m; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double t = x[i * d + k] - y[j * d + k];
                    s += t * t;
                }
                total += Math.exp(-g * s);
            }
        }
        return same ? 2 * total / ((double) n * (n - 1)) : total / ((double) n * m);
    }
}
