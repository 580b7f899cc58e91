package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Thresholds;

/**
 * diffusers' correction of the denoised estimate x̂₀ before a step: static clipping ({@code clip_sample}) or
 * dynamic thresholding (Saharia et al. 2022, arXiv:2205.11487, §2.3; {@code _threshold_sample}, torch.quantile
 * semantics); at most one of them.
 */
record X0Correction(double clipRange, double thresholdRatio, double sampleMaxValue) {
    static final X0Correction NONE = new X0Correction(0, 0, 1);

    static final Option<Boolean> CLIP_SAMPLE = Option.bool("clip_sample", false, "clamp x̂₀ to ±clip_sample_range");
    static final Option<Double> CLIP_SAMPLE_RANGE = Option.real("clip_sample_range", 1.0, 1e-6, 1e6, "range of clip_sample");
    static final Option<Boolean> THRESHOLDING = Option.bool("thresholding", false, "dynamic thresholding of x̂₀ (Imagen)");
    static final Option<Double> DYNAMIC_THRESHOLDING_RATIO = Option.real("dynamic_thresholding_ratio", 0.995, 1e-6, 1,
            "quantile of |x̂₀| per row used as the threshold");
    static final Option<Double> SAMPLE_MAX_VALUE = Option.real("sample_max_value", 1.0, Thresholds.SAMPLE_MAX_VALUE_MIN, 1e9, "largest threshold");

    /** The correction the options ask for. */
    static X0Correction from(SolverOptions o) {
        if (o.get(CLIP_SAMPLE) && o.get(THRESHOLDING)) {
            throw new ConfigurationException(THRESHOLDING.name(), "clip_sample and thresholding exclude each other; choose one");
        }
        return new X0Correction(o.get(CLIP_SAMPLE) ? o.get(CLIP_SAMPLE_RANGE) : 0,
                o.get(THRESHOLDING) ? o.get(DYNAMIC_THRESHOLDING_RATIO) : 0, o.get(SAMPLE_MAX_VALUE));
    }

    boolean none() { return clipRange == 0 && thresholdRatio == 0; }

    Tensor apply(Tensor x0) {
        if (thresholdRatio > 0) return Thresholds.dynamic(x0, thresholdRatio, sampleMaxValue);
        if (clipRange > 0) return Thresholds.clip(x0, clipRange);
        return x0;
    }
}
