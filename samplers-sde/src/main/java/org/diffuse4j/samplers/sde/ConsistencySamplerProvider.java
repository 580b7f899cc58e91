package org.diffuse4j.samplers.sde;

import java.util.Set;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;

/**
 * Provides {@link ConsistencySampler} as {@code consistency}. diffusers' {@code CMStochasticIterativeScheduler}
 * grid: {@link ConsistencyFunction#grid}; its denoiser: {@link ConsistencyFunction#denoiser}. It samples a consistency
 * model, as its traits declare.
 */
public final class ConsistencySamplerProvider implements SolverProvider {
    public static final Option<Double> SIGMA_MIN = Option.real("sigma_min", 0.002, 0, 1e6, "s_min: the consistency model's data level");
    public static final Option<Double> SIGMA_MAX = Option.real("sigma_max", 80, 1e-6, Double.POSITIVE_INFINITY, "s_max: largest re-noising level");
    public static final Option<Double> S_NOISE = Option.real("s_noise", 1.0, 0, 10, "factor on the re-noising standard deviation");
    /** diffusers' {@code clip_denoised} (its default is true, for pixel models in [−1, 1]). */
    public static final Option<Boolean> CLIP_DENOISED = Option.bool("clip_denoised", false, "clamp x̂₀ to [−1, 1]");

    private static final SolverTraits TRAITS = SolverTraits.sde(1, 1,
                    "Song et al. 2023, arXiv:2303.01469, Alg. 1 (multistep consistency sampling); diffusers CMStochasticIterativeScheduler")
            .withModel(SolverTraits.ModelKind.CONSISTENCY)
            .withOptions(SIGMA_MIN, SIGMA_MAX, S_NOISE, CLIP_DENOISED);

    @Override public String name() { return "consistency"; }

    @Override public Set<String> aliases() { return Set.of("CMStochasticIterativeScheduler", "cm", "consistency-multistep"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        SolverOptions o = config.options();
        if (!(o.get(SIGMA_MIN) < o.get(SIGMA_MAX))) {
            throw new ConfigurationException(SIGMA_MIN.name(), "need sigma_min < sigma_max, got " + o.get(SIGMA_MIN) + ", " + o.get(SIGMA_MAX));
        }
        return new ConsistencySampler(config.grid(), o.get(SIGMA_MIN), o.get(SIGMA_MAX), o.get(S_NOISE), o.get(CLIP_DENOISED));
    }
}
