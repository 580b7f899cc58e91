package com.example.solvers;

import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;

/**
 * Data N(μ, s_d² I) (μ per coordinate): the exact denoiser x̂₀ = μ + α s_d²/(α² s_d² + σ²)(x − α μ) and
 * the exact probability-flow solution x(level) = α μ + √(v / v_T)(x_T − α_T μ), v = α² s_d² + σ².
 */
final class GaussianData implements Denoiser {
    private final double[] mean;
    private final double std;

    GaussianData(double std, double... mean) {
        this.mean = mean.clone();
        this.std = std;
    }

    @Override public Prediction target() { return Prediction.DATA; }

    @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning conditioning) {
        double a = level.alpha(), var = std * std;
        double gain = a * var / (a * a * var + level.sigma() * level.sigma());
        double[] v = x.toArray();
        for (int i = 0; i < v.length; i++) {
            double mu = mean[i % mean.length];
            v[i] = mu + gain * (v[i] - a * mu);
        }
        return Tensor.of(x.shape(), v);
    }

    /** The exact PF-ODE solution at {@code to} from {@code xT} at {@code from}. */
    Tensor flow(Tensor xT, NoiseLevel from, NoiseLevel to) {
        double ratio = Math.sqrt(variance(to) / variance(from));
        double[] v = xT.toArray();
        for (int i = 0; i < v.length; i++) {
            double mu = mean[i % mean.length];
            v[i] = to.alpha() * mu + ratio * (v[i] - from.alpha() * mu);
        }
        return Tensor.of(xT.shape(), v);
    }

    private double variance(NoiseLevel level) {
        return level.alpha() * level.alpha() * std * std + level.sigma() * level.sigma();
    }
}
