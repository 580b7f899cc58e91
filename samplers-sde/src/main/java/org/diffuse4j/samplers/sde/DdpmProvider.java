package org.diffuse4j.samplers.sde;

import java.util.Set;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;
import org.diffuse4j.samplers.sde.Ddpm.VarianceType;

/**
 * Provides {@link Ddpm} as {@code ddpm}. With {@code variance_type} {@code learned} or {@code learned_range} the
 * network must also predict the variance: sample through {@link LearnedVariance#sample} with a
 * {@link VarianceDenoiser}; any other model is refused at the first step, naming {@code variance_type}.
 */
public final class DdpmProvider implements SolverProvider {
    /** Named configurations of the options below. */
    public enum Preset {
        /** No preset: every option as given. */
        NONE,
        /**
         * GLIGEN (Li et al. 2023, arXiv:2301.07093) samples its latent-diffusion model with the fixed small
         * (posterior) variance β̃, no clipping or thresholding of x̂₀ and no noise on the final step.
         */
        GLIGEN
    }

    /** diffusers' {@code variance_type}. */
    public static final Option<VarianceType> VARIANCE_TYPE = Option.choice("variance_type", VarianceType.class,
            VarianceType.FIXED_SMALL, "reverse variance: posterior (fixed_small[_log]), forward β (fixed_large[_log]) or from the network (learned, learned_range)");
    /** diffusers' {@code clip_sample}. */
    public static final Option<Boolean> CLIP_SAMPLE = X0Correction.CLIP_SAMPLE;
    /** diffusers' {@code clip_sample_range}. */
    public static final Option<Double> CLIP_SAMPLE_RANGE = X0Correction.CLIP_SAMPLE_RANGE;
    /** diffusers' {@code thresholding}. */
    public static final Option<Boolean> THRESHOLDING = X0Correction.THRESHOLDING;
    /** diffusers' {@code dynamic_thresholding_ratio}. */
    public static final Option<Double> DYNAMIC_THRESHOLDING_RATIO = X0Correction.DYNAMIC_THRESHOLDING_RATIO;
    /** diffusers' {@code sample_max_value}. */
    public static final Option<Double> SAMPLE_MAX_VALUE = X0Correction.SAMPLE_MAX_VALUE;
    /** diffusers adds noise whenever the step's timestep is positive, including a last step onto clean data. */
    public static final Option<Boolean> NOISE_AT_FINAL = Option.bool("noise_at_final", false,
            "add the step's noise on the last step too (diffusers' rule t > 0 for grids whose last timestep is positive)");
    /** A named configuration. */
    public static final Option<Preset> PRESET = Option.choice("preset", Preset.class, Preset.NONE,
            "gligen: fixed_small, no clipping/thresholding, no final noise");

    private static final SolverTraits TRAITS = SolverTraits.sde(1, 1, "Ho et al. 2020, arXiv:2006.11239 (DDPM ancestral sampling)")
            .withOptions(VARIANCE_TYPE, CLIP_SAMPLE, CLIP_SAMPLE_RANGE, THRESHOLDING, DYNAMIC_THRESHOLDING_RATIO, SAMPLE_MAX_VALUE,
                    NOISE_AT_FINAL, PRESET);

    @Override public String name() { return "ddpm"; }

    @Override public Set<String> aliases() { return Set.of("DDPMScheduler", "DDPMParallelScheduler", "UnCLIPScheduler", "ancestral-ddpm"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        SolverOptions o = config.options();
        if (o.get(PRESET) == Preset.GLIGEN) {
            requireDefault(o, VARIANCE_TYPE);
            requireDefault(o, CLIP_SAMPLE);
            requireDefault(o, THRESHOLDING);
            requireDefault(o, NOISE_AT_FINAL);
            return new Ddpm(config.grid(), VarianceType.FIXED_SMALL, X0Correction.NONE, false);
        }
        return new Ddpm(config.grid(), o.get(VARIANCE_TYPE), X0Correction.from(o), o.get(NOISE_AT_FINAL));
    }

    private static <T> void requireDefault(SolverOptions o, Option<T> option) {
        if (o.isSet(option) && !o.get(option).equals(option.defaultValue())) {
            throw new ConfigurationException(option.name(), "preset 'gligen' fixes " + option.name() + "="
                    + Option.id(option.defaultValue()) + "; got '" + Option.id(o.get(option)) + "'");
        }
    }
}
