package org.diffuse4j.models.guidance;

import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.predict.Predictions;
import org.diffuse4j.api.predict.Thresholds;

/**
 * Dynamic thresholding of the denoised estimate; Saharia et al. 2022, Imagen (arXiv:2205.11487), §2.3,
 * as diffusers' {@code _threshold_sample}: per batch row, s = min(max(1, quantile_p(|x̂₀|)), sampleMaxValue)
 * and x̂₀ ← clamp(x̂₀, −s, s)/s. The quantile is {@code torch.quantile}'s default: linear interpolation
 * between order statistics at position p·(n − 1) of the n sorted values of the row
 * ({@link Thresholds#dynamic(Tensor, double, double)}).
 *
 * <p>As a denoiser decorator it corrects x̂₀ before any solver sees it, so every solver (and every
 * multistep history) works with the thresholded estimate, whereas diffusers applies it inside the
 * schedulers that support it. Deterministic; one call of the wrapped model per call.
 *
 * <p><b>Target.</b> It answers in the wrapped model's native target: x̂₀ is obtained from the native
 * prediction through {@link Predictions}, corrected, and converted back. Where the level cannot carry a
 * corrected x̂₀ in that target (ε or score at σ = 0, where x̂₀ = x/α whatever ε; ε, score or velocity at
 * α = 0, where x̂₀ is not determined by them; velocity at a level without dα/dt, dσ/dt) the prediction
 * passes unchanged.
 *
 * <p>Immutable and thread-safe when the wrapped model is.
 */
public final class DynamicThresholding implements Denoiser {
    /** The percentile p of Imagen and diffusers' default {@code dynamic_thresholding_ratio}. */
    public static final double DEFAULT_RATIO = 0.995;

    private final Denoiser model;
    private final double ratio;
    private final double maxValue;

    /**
     * Thresholds {@code model}'s x̂₀ at the {@code ratio} quantile p ∈ (0, 1] of |x̂₀| per row, with the
     * threshold s capped at {@code maxValue} > 0 ({@code sample_max_value}; +∞ for no cap; below 1 it is the threshold, as torch.clamp(q, 1, max) gives).
     */
    public DynamicThresholding(Denoiser model, double ratio, double maxValue) {
        if (model == null) throw new ConfigurationException("model", "a denoiser to threshold is required");
        if (!(ratio > 0 && ratio <= 1)) {
            throw new ConfigurationException("dynamic_thresholding_ratio", "must lie in (0, 1], got " + ratio);
        }
        if (!(maxValue > 0)) throw new ConfigurationException("sample_max_value", "must be positive, got " + maxValue);
        this.model = model;
        this.ratio = ratio;
        this.maxValue = maxValue;
    }

    /** The thresholded denoiser. */
    public Denoiser model() { return model; }

    /** The quantile p. */
    public double ratio() { return ratio; }

    /** The cap on the threshold s. */
    public double maxValue() { return maxValue; }

    /** The wrapped model's native target. */
    @Override public Prediction target() { return model.target(); }

    @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning conditioning) {
        Tensor out = model.predict(x, level, conditioning);
        Prediction target = model.target();
        if (target == Prediction.DATA) return Thresholds.dynamic(out, ratio, maxValue);
        if (!finite(Predictions.coefficients(target, Prediction.DATA, level))
                || !finite(Predictions.coefficients(Prediction.DATA, target, level))) {
            return out;
        }
        Tensor x0 = Predictions.convert(target, Prediction.DATA, x, out, level);
        return Predictions.convert(Prediction.DATA, target, x, Thresholds.dynamic(x0, ratio, maxValue), level);
    }

    private static boolean finite(double[] c) {
        return Double.isFinite(c[0]) && Double.isFinite(c[1]);
    }

    @Override public String toString() {
        return "DynamicThresholding[p=" + ratio + ", max=" + maxValue + ", " + model + "]";
    }
}
