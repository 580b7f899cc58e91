package org.diffuse4j.models.analytic;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.ShapeMismatchException;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;

/**
 * The exact posterior denoiser of an isotropic Gaussian mixture, answering in a chosen native
 * {@link Prediction} target; the closed form of {@code shared/bench/problems.json}, {@code exact_denoiser}:
 * c_k = α² s_k² + σ², w_k ∝ π_k N(x; α μ_k, c_k I), x̂₀ = Σ_k w_k (μ_k + α s_k²/c_k (x − α μ_k)),
 * ε̂ = Σ_k w_k σ (x − α μ_k)/c_k. Every formula stays finite at α = 0 (w = π, x̂₀ = Σ π_k μ_k) and at
 * σ = 0 (x̂₀ = x/α, ε̂ = 0, the score Σ_k w_k (α μ_k − x)/c_k).
 *
 * <p>Conditioning: class labels select a component. With label k for a row, the posterior is restricted
 * to component k (w = e_k), i.e. the data distribution of that row is N(μ_k, s_k² I); a label outside
 * [0, K) is a {@link ConfigurationException}. Embeddings are ignored.
 *
 * <p>Immutable and thread-safe; one call allocates only its output and a K-length scratch array.
 */
public final class GaussianMixtureDenoiser implements Denoiser {
    private final GaussianMixture mixture;
    private final Prediction target;
    private final int components;
    private final int dimension;
    private final double[] logWeights;
    private final double[] variances;
    private final double[] means;   // row-major K × d

    /** The exact denoiser of {@code mixture}, answering in {@code target}. */
    public GaussianMixtureDenoiser(GaussianMixture mixture, Prediction target) {
        this.mixture = Objects.requireNonNull(mixture, "mixture");
        this.target = Objects.requireNonNull(target, "target");
        this.components = mixture.components();
        this.dimension = mixture.dimension();
        double[] w = mixture.weights(), s = mixture.stds();
        double[][] mu = mixture.means();
        this.logWeights = new double[components];
        this.variances = new double[components];
        this.means = new double[components * dimension];
        for (int k = 0; k < components; k++) {
            logWeights[k] = Math.log(w[k]);
            variances[k] = s[k] * s[k];
            System.arraycopy(mu[k], 0, means, k * dimension, dimension);
        }
    }

    /** The data distribution this denoiser is exact for. */
    public GaussianMixture mixture() { return mixture; }

    @Override public Prediction target() { return target; }

    @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning conditioning) {
        Objects.requireNonNull(conditioning, "conditioning (use Conditioning.NONE)");
        int d = dimension, rows = x.rows();
        if (x.rowSize() != d) {
            throw new ShapeMismatchException("GaussianMixtureDenoiser: x has shape " + Arrays.toString(x.shape())
                    + " (" + x.rowSize() + " values per row) but the mixture has dimension " + d);
        }
        int[] labels = labels(conditioning, rows);
        double alpha = level.alpha(), sigma = level.sigma();
        double a2 = alpha * alpha, s2 = sigma * sigma;
        // out = a·x̂₀ + b·g with g = Σ_k w_k (x − α μ_k)/c_k, so ε̂ = σ g and score = −ε̂/σ = −g
        double a, b;
        switch (target) {
            case DATA -> { a = 1; b = 0; }
            case EPSILON -> { a = 0; b = sigma; }
            case V -> { a = -sigma; b = alpha * sigma; }       // v = α ε − σ x₀, Salimans & Ho 2022, §4
            case SCORE -> { a = 0; b = -1; }                    // −ε̂/σ without dividing by σ: finite at σ = 0
            case VELOCITY -> {                                  // u = α′ x̂₀ + σ′ ε̂
                double dAlpha = level.dAlpha(), dSigma = level.dSigma();
                if (!Double.isFinite(dAlpha) || !Double.isFinite(dSigma)) {
                    throw new ConfigurationException("noise level", "the VELOCITY target needs finite dα/dt and dσ/dt, got "
                            + dAlpha + ", " + dSigma + " at t = " + level.t() + "; take the level from Schedule.at(t)");
                }
                a = dAlpha;
                b = dSigma * sigma;
            }
            default -> throw new IllegalStateException("unhandled target " + target);
        }
        double[] w = new double[components];
        double[] out = new double[x.size()];
        for (int row = 0; row < rows; row++) {
            int base = row * d;
            if (labels == null) {
                responsibilities(x, base, alpha, a2, s2, w);
            } else {
                Arrays.fill(w, 0);
                w[labels[labels.length == 1 ? 0 : row]] = 1;
            }
            for (int j = 0; j < d; j++) {
                double xj = x.get(base + j), x0 = 0, g = 0;
                for (int k = 0; k < components; k++) {
                    if (w[k] == 0) continue;
                    double mu = means[k * d + j];
                    double r = (xj - alpha * mu) / (a2 * variances[k] + s2);
                    x0 += w[k] * (mu + alpha * variances[k] * r);   // E[x₀ | x, k], Gaussian conditioning
                    g += w[k] * r;
                }
                out[base + j] = a * x0 + b * g;
            }
        }
        return Tensor.of(x.shape(), out);
    }

    // w_k = softmax_k(log π_k − (d/2) log c_k − |x − α μ_k|²/(2 c_k)), shifted by the max for stability
    private void responsibilities(Tensor x, int base, double alpha, double a2, double s2, double[] w) {
        int d = dimension;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < components; k++) {
            double c = a2 * variances[k] + s2, r2 = 0;
            for (int j = 0; j < d; j++) {
                double r = x.get(base + j) - alpha * means[k * d + j];
                r2 += r * r;
            }
            w[k] = logWeights[k] - 0.5 * d * Math.log(c) - r2 / (2 * c);
            max = Math.max(max, w[k]);
        }
        double sum = 0;
        for (int k = 0; k < components; k++) {
            w[k] = Math.exp(w[k] - max);
            sum += w[k];
        }
        for (int k = 0; k < components; k++) w[k] /= sum;
    }

    private int[] labels(Conditioning conditioning, int rows) {
        Optional<int[]> given = conditioning.labels();
        if (given.isEmpty()) return null;
        int[] labels = given.get();
        if (labels.length != 1 && labels.length != rows) {
            throw new ShapeMismatchException(labels.length + " class labels for a batch of " + rows + " rows");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= components) {
                throw new ConfigurationException("class", "label " + labels[i] + " (index " + i + ") is not a component of the mixture; allowed: 0 … "
                        + (components - 1));
            }
        }
        return labels;
    }

    @Override public String toString() {
        return "GaussianMixtureDenoiser[" + target.id() + ", " + mixture + "]";
    }
}
