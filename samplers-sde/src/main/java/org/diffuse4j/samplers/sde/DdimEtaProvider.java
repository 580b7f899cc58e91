package org.diffuse4j.samplers.sde;

import java.util.Set;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;

/** Provides {@link DdimEta} as {@code ddim-eta}; the deterministic {@code ddim} (η = 0) lives in samplers-ode. */
public final class DdimEtaProvider implements SolverProvider {
    /** DDIM's η: 0 deterministic, 1 the DDPM posterior variance. */
    public static final Option<Double> ETA = Option.real("eta", 1.0, 0, 1, "η of Eq. (16): 0 = DDIM, 1 = DDPM posterior variance");
    public static final Option<Boolean> CLIP_SAMPLE = X0Correction.CLIP_SAMPLE;
    public static final Option<Double> CLIP_SAMPLE_RANGE = X0Correction.CLIP_SAMPLE_RANGE;
    public static final Option<Boolean> THRESHOLDING = X0Correction.THRESHOLDING;
    public static final Option<Double> DYNAMIC_THRESHOLDING_RATIO = X0Correction.DYNAMIC_THRESHOLDING_RATIO;
    public static final Option<Double> SAMPLE_MAX_VALUE = X0Correction.SAMPLE_MAX_VALUE;
    /** diffusers' {@code use_clipped_model_output}: recompute ε̂ from the corrected x̂₀. */
    public static final Option<Boolean> USE_CLIPPED_MODEL_OUTPUT = Option.bool("use_clipped_model_output", false,
            "recompute ε̂ from the corrected x̂₀");

    private static final SolverTraits TRAITS = SolverTraits.sde(1, 1, "Song et al. 2021, arXiv:2010.02502, Eqs. (12), (16) (DDIM, η > 0)")
            .withOptions(ETA, CLIP_SAMPLE, CLIP_SAMPLE_RANGE, THRESHOLDING, DYNAMIC_THRESHOLDING_RATIO, SAMPLE_MAX_VALUE,
                    USE_CLIPPED_MODEL_OUTPUT);

    @Override public String name() { return "ddim-eta"; }

    @Override public Set<String> aliases() { return Set.of("stochastic-ddim", "ddim_eta"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        SolverOptions o = config.options();
        return new DdimEta(config.grid(), o.get(ETA), X0Correction.from(o), o.get(USE_CLIPPED_MODEL_OUTPUT));
    }
}
