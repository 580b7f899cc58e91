package org.diffuse4j.samplers.sde;

import java.util.EnumSet;
import java.util.Set;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.ScheduleFamily;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;

/**
 * Provides {@link Lcm} as {@code lcm}. Discrete VP schedules only: the boundary scalings are functions of the
 * integer training timestep the network receives. It samples a consistency model (its x̂₀ is the model's consistency
 * function), as its traits declare.
 */
public final class LcmProvider implements SolverProvider {
    /** diffusers' {@code timestep_scaling}. */
    public static final Option<Double> TIMESTEP_SCALING = Option.real("timestep_scaling", 10.0, 0, 1e6,
            "τ: the boundary scalings see τ·timestep");
    /** σ_data of the boundary scalings (diffusers fixes 0.5). */
    public static final Option<Double> SIGMA_DATA = Option.real("sigma_data", 0.5, 1e-6, 1e6, "σ_data of c_skip and c_out");
    public static final Option<Boolean> CLIP_SAMPLE = X0Correction.CLIP_SAMPLE;
    public static final Option<Double> CLIP_SAMPLE_RANGE = X0Correction.CLIP_SAMPLE_RANGE;
    public static final Option<Boolean> THRESHOLDING = X0Correction.THRESHOLDING;
    public static final Option<Double> DYNAMIC_THRESHOLDING_RATIO = X0Correction.DYNAMIC_THRESHOLDING_RATIO;
    public static final Option<Double> SAMPLE_MAX_VALUE = X0Correction.SAMPLE_MAX_VALUE;

    private static final SolverTraits TRAITS = SolverTraits.sde(1, 1, "Luo et al. 2023, arXiv:2310.04378 (latent consistency models); diffusers LCMScheduler")
            .withSchedules(EnumSet.of(ScheduleFamily.DISCRETE_VP))
            .withModel(SolverTraits.ModelKind.CONSISTENCY)
            .withOptions(TIMESTEP_SCALING, SIGMA_DATA, CLIP_SAMPLE, CLIP_SAMPLE_RANGE, THRESHOLDING, DYNAMIC_THRESHOLDING_RATIO, SAMPLE_MAX_VALUE);

    @Override public String name() { return "lcm"; }

    @Override public Set<String> aliases() { return Set.of("LCMScheduler", "latent-consistency"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        SolverOptions o = config.options();
        return new Lcm(config.grid(), o.get(TIMESTEP_SCALING), o.get(SIGMA_DATA), X0Correction.from(o));
    }
}
