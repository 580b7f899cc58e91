package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;

/**
 * The exact consistency function of data N(μ, s² I): the end point of the probability-flow ODE from (x, level),
 * f(x) = μ + s/√(α² s² + σ²) · (x − α μ) (the standardised value is conserved along the flow), offered as a
 * denoiser's x₀ target, which is what the consistency samplers (lcm, consistency) expect of a consistency model.
 */
final class GaussianConsistency implements Denoiser {
    private final double[] mu;
    private final double s;

    GaussianConsistency(double[] mu, double s) {
        this.mu = mu.clone();
        this.s = s;
    }

    @Override public Prediction target() { return Prediction.DATA; }

    @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning conditioning) {
        double a = level.alpha(), gain = s / Math.sqrt(a * a * s * s + level.sigma() * level.sigma());
        double[] out = x.toArray();
        for (int i = 0; i < out.length; i++) {
            double m = mu[i % mu.length];
            out[i] = m + gain * (out[i] - a * m);
        }
        return Tensor.of(x.shape(), out);
    }
}
