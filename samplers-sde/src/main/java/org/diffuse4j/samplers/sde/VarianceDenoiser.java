package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Tensor;

/**
 * A denoiser whose network also predicts the reverse-step variance, as IDDPM and GLIDE networks do (Nichol &amp;
 * Dhariwal 2021, arXiv:2102.09672, §3.1): their output has twice the channels of x, the first half the usual
 * target ({@link #predict}), the second the variance output ({@link #predictVariance}); diffusers splits it
 * with {@code torch.split(model_output, C, dim=1)}.
 *
 * <p>What {@link #predictVariance} returns depends on the {@code variance_type} the network was trained for:
 * {@code learned_range} — the interpolation v ∈ [−1, 1] of Eq. (15), Σ = exp(v' log β + (1 − v') log β̃) with
 * v' = (v + 1)/2; {@code learned} — the variance Σ itself (diffusers' convention).
 *
 * <p>Both outputs come from one forward pass. The sampling loop counts {@link #predict}; an implementation that
 * runs the network once per call should keep the variance half of its last output for the same (x, level) and
 * return it from {@link #predictVariance}. Run such a denoiser with {@link LearnedVariance#sample}.
 */
public interface VarianceDenoiser extends Denoiser {
    /** The variance output for every row of x at {@code level}; same shape as x. */
    Tensor predictVariance(Tensor x, NoiseLevel level, Conditioning conditioning);
}
