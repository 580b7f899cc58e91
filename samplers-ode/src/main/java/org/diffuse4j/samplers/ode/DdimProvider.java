package org.diffuse4j.samplers.ode;

import java.util.Set;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;
import org.diffuse4j.api.predict.Thresholds;

/** Provides {@link Ddim} as {@code ddim}. */
public final class DdimProvider implements SolverProvider {
    /** diffusers' {@code clip_sample}: clamp x̂₀ to [−clip_sample_range, clip_sample_range]. */
    public static final Option<Boolean> CLIP_SAMPLE = Option.bool("clip_sample", false, "clamp x̂₀ to ±clip_sample_range");
    public static final Option<Double> CLIP_SAMPLE_RANGE = Option.real("clip_sample_range", 1.0, 1e-6, 1e6, "range of clip_sample");
    /** diffusers' {@code thresholding}: Imagen's dynamic thresholding of x̂₀. */
    public static final Option<Boolean> THRESHOLDING = Option.bool("thresholding", false, "dynamic thresholding of x̂₀ (Imagen)");
    public static final Option<Double> DYNAMIC_THRESHOLDING_RATIO = Option.real("dynamic_thresholding_ratio", 0.995, 1e-6, 1,
            "quantile of |x̂₀| used as the threshold");
    public static final Option<Double> SAMPLE_MAX_VALUE = Option.real("sample_max_value", 1.0, Thresholds.SAMPLE_MAX_VALUE_MIN, 1e9, "largest threshold");
    /** diffusers' {@code use_clipped_model_output}: recompute ε̂ from the corrected x̂₀. */
    public static final Option<Boolean> USE_CLIPPED_MODEL_OUTPUT = Option.bool("use_clipped_model_output", false,
            "recompute ε̂ from the corrected x̂₀");

    private static final SolverTraits TRAITS = SolverTraits.ode(1, 1,
                    "Song et al. 2021, arXiv:2010.02502 (DDIM, η = 0)")
            .withOptions(CLIP_SAMPLE, CLIP_SAMPLE_RANGE, THRESHOLDING, DYNAMIC_THRESHOLDING_RATIO, SAMPLE_MAX_VALUE, USE_CLIPPED_MODEL_OUTPUT);

    @Override public String name() { return "ddim"; }

    @Override public Set<String> aliases() { return Set.of("DDIMScheduler", "dpm-solver-1", "DDIMInverseScheduler"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        SolverOptions o = config.options();
        if (o.get(CLIP_SAMPLE) && o.get(THRESHOLDING)) {
            throw new ConfigurationException("thresholding", "clip_sample and thresholding exclude each other; choose one");
        }
        Ddim.Correction c = new Ddim.Correction(o.get(CLIP_SAMPLE) ? o.get(CLIP_SAMPLE_RANGE) : 0,
                o.get(THRESHOLDING) ? o.get(DYNAMIC_THRESHOLDING_RATIO) : 0, o.get(SAMPLE_MAX_VALUE), o.get(USE_CLIPPED_MODEL_OUTPUT));
        return new Ddim(config.grid(), c);
    }
}
