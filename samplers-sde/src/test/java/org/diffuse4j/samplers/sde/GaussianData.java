package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;

/**
 * Data N(μ, s² I) and its exact denoiser: x_t = α x₀ + σ ε has variance v = α² s² + σ², so
 * E[x₀ | x_t] = μ + α s²/v (x_t − α μ).
 */
final class GaussianData {
    final double[] mu;
    final double s2;

    GaussianData(double[] mu, double s) {
        this.mu = mu.clone();
        this.s2 = s * s;
    }

    double variance(NoiseLevel l) { return l.alpha() * l.alpha() * s2 + l.sigma() * l.sigma(); }

    /** The exact x̂₀ denoiser. */
    Denoiser denoiser() {
        return new Denoiser() {
            @Override public Prediction target() { return Prediction.DATA; }

            @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning conditioning) {
                double a = level.alpha(), gain = a * s2 / variance(level);
                double[] out = x.toArray();
                for (int i = 0; i < out.length; i++) {
                    double m = mu[i % mu.length];
                    out[i] = m + gain * (out[i] - a * m);
                }
                return Tensor.of(x.shape(), out);
            }
        };
    }

    /** Rows drawn from the marginal N(α μ, v I) at {@code level}. */
    Tensor sample(NoiseLevel level, int rows, long seed) {
        Tensor z = NoiseSource.seeded(seed).gaussian(rows, mu.length);
        double sd = Math.sqrt(variance(level));
        double[] out = z.toArray();
        for (int i = 0; i < out.length; i++) out[i] = level.alpha() * mu[i % mu.length] + sd * out[i];
        return Tensor.of(z.shape(), out);
    }

    /** Per-dimension sample means of a rows × d tensor. */
    static double[] means(Tensor x) {
        int d = x.rowSize(), n = x.rows();
        double[] m = new double[d];
        for (int r = 0; r < n; r++) for (int j = 0; j < d; j++) m[j] += x.get(r, j) / n;
        return m;
    }

    /** Sample variance pooled over dimensions (each about its own mean). */
    static double pooledVariance(Tensor x) {
        int d = x.rowSize(), n = x.rows();
        double[] m = means(x);
        double s = 0;
        for (int r = 0; r < n; r++) for (int j = 0; j < d; j++) s += Math.pow(x.get(r, j) - m[j], 2);
        return s / (d * (n - 1.0));
    }
}
