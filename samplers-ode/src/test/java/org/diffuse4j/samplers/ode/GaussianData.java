package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;

/**
 * Data N(μ, s² I) and its exact denoiser: x_t = α x₀ + σ ε is Gaussian with variance v = α² s² + σ², so
 * E[x₀ | x_t] = μ + α s²/v (x_t − α μ). The probability-flow ODE then moves x_t − α μ by the ratio of
 * standard deviations: x = α μ + √(v/v_T)(x_T − α_T μ).
 */
final class GaussianData {
    private final double[] mu;
    private final double s2;

    GaussianData(double[] mu, double s) {
        this.mu = mu.clone();
        this.s2 = s * s;
    }

    int dim() { return mu.length; }

    private double variance(NoiseLevel l) { return l.alpha() * l.alpha() * s2 + l.sigma() * l.sigma(); }

    /** The exact denoiser, natively predicting {@code target}. */
    Denoiser denoiser(Prediction target) {
        return new Denoiser() {
            @Override public Prediction target() { return target; }

            @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning conditioning) {
                double a = level.alpha(), s = level.sigma();
                double gain = a * s2 / variance(level);
                double[] out = x.toArray();
                int d = mu.length;
                for (int i = 0; i < out.length; i++) {
                    double m = mu[i % d];
                    double x0 = m + gain * (out[i] - a * m);
                    out[i] = switch (target) {
                        case DATA -> x0;
                        case EPSILON -> (out[i] - a * x0) / s;
                        default -> throw new IllegalArgumentException(target.name());
                    };
                }
                return Tensor.of(x.shape(), out);
            }
        };
    }

    /** The exact probability-flow ODE solution at {@code to} from {@code xT} at {@code from}. */
    Tensor flow(Tensor xT, NoiseLevel from, NoiseLevel to) {
        double ratio = Math.sqrt(variance(to) / variance(from));
        double[] out = xT.toArray();
        int d = mu.length;
        for (int i = 0; i < out.length; i++) {
            double m = mu[i % d];
            out[i] = to.alpha() * m + ratio * (out[i] - from.alpha() * m);
        }
        return Tensor.of(xT.shape(), out);
    }

    /** Rows drawn from the marginal N(α μ, v I) at {@code level}. */
    Tensor sample(NoiseLevel level, int rows, long seed) {
        Tensor z = NoiseSource.seeded(seed).gaussian(rows, mu.length);
        double sd = Math.sqrt(variance(level));
        double[] out = z.toArray();
        for (int i = 0; i < out.length; i++) out[i] = level.alpha() * mu[i % mu.length] + sd * out[i];
        return Tensor.of(z.shape(), out);
    }
}
