package org.diffuse4j.api.predict;

import java.util.Arrays;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Tensor;

/**
 * Corrections of the denoised estimate x̂₀ that samplers apply before stepping: static clipping and
 * dynamic thresholding (Saharia et al. 2022, arXiv:2205.11487, §2.3, as diffusers' {@code _threshold_sample}).
 */
public final class Thresholds {
    private Thresholds() {}

    /**
     * The smallest {@code sample_max_value} solver options accept: every positive value (diffusers does not bound
     * it; values below 1 clip x̂₀ to [−v, v] and divide by v, see {@link #dynamic}).
     */
    public static final double SAMPLE_MAX_VALUE_MIN = Double.MIN_VALUE;

    /** Clamps every value to [−range, range] (diffusers {@code clip_sample}). */
    public static Tensor clip(Tensor x0, double range) {
        if (!(range > 0)) throw new ConfigurationException("clip_sample_range", "must be positive, got " + range);
        return x0.clamp(-range, range);
    }

    /**
     * Dynamic thresholding per batch row: s = clamp(quantile_p(|x̂₀|), 1, maxValue), then x̂₀ ← clamp(x̂₀, −s, s)/s.
     * The quantile interpolates linearly between order statistics, as {@code torch.quantile}. The clamp has
     * {@code torch.clamp}'s semantics min(max(q, 1), maxValue), which diffusers' {@code _threshold_sample} relies on:
     * a {@code maxValue} below 1 (min &gt; max) gives s = maxValue whatever the quantile, i.e. x̂₀ is clipped to
     * [−maxValue, maxValue] and divided by maxValue (diffusers' tests use sample_max_value = 0.5).
     *
     * @param maxValue {@code sample_max_value}: any positive value (+∞ for no cap)
     */
    public static Tensor dynamic(Tensor x0, double ratio, double maxValue) {
        if (!(ratio > 0 && ratio <= 1)) throw new ConfigurationException("dynamic_thresholding_ratio", "must lie in (0, 1], got " + ratio);
        if (!(maxValue > 0)) throw new ConfigurationException("sample_max_value", "must be positive, got " + maxValue);
        int rows = x0.rows(), n = x0.rowSize();
        double[] out = new double[x0.size()];
        double[] abs = new double[n];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < n; j++) abs[j] = Math.abs(x0.get(r, j));
            Arrays.sort(abs);
            double s = Math.min(maxValue, Math.max(1, quantileSorted(abs, ratio))); // torch.clamp(q, min=1, max=maxValue)
            for (int j = 0; j < n; j++) out[r * n + j] = Math.min(s, Math.max(-s, x0.get(r, j))) / s;
        }
        return Tensor.of(x0.shape(), out);
    }

    /** The q-quantile of sorted values with linear interpolation (torch.quantile's default). */
    public static double quantileSorted(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
