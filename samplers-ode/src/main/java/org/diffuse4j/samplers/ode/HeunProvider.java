package org.diffuse4j.samplers.ode;

import java.util.Set;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;

/** Provides {@link Heun} as {@code heun}. */
public final class HeunProvider implements SolverProvider {
    /** diffusers' {@code clip_sample}: clamp x̂₀ to [−clip_sample_range, clip_sample_range]. */
    public static final Option<Boolean> CLIP_SAMPLE = Option.bool("clip_sample", false, "clamp x̂₀ to ±clip_sample_range");
    public static final Option<Double> CLIP_SAMPLE_RANGE = Option.real("clip_sample_range", 1.0, 1e-6, 1e6, "range of clip_sample");

    private static final SolverTraits TRAITS = SolverTraits.ode(2, 2,
                    "Karras et al. 2022, arXiv:2206.00364, Algorithm 1 (Heun); diffusers HeunDiscreteScheduler, k-diffusion sample_heun")
            .withSchedules(PfOdeVariables.SIGMA.families())
            .withOptions(CLIP_SAMPLE, CLIP_SAMPLE_RANGE);

    @Override public String name() { return "heun"; }

    @Override public Set<String> aliases() { return Set.of("HeunDiscreteScheduler", "sample_heun", "k_heun"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        SolverOptions o = config.options();
        return new Heun(config.grid(), o.get(CLIP_SAMPLE) ? o.get(CLIP_SAMPLE_RANGE) : 0);
    }
}
