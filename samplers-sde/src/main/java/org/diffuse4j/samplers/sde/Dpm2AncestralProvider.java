package org.diffuse4j.samplers.sde;

import java.util.Set;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;

/** Provides {@link Dpm2Ancestral} as {@code dpm2-ancestral}. */
public final class Dpm2AncestralProvider implements SolverProvider {
    public static final Option<Double> ETA = KOptions.ETA;
    public static final Option<Double> S_NOISE = KOptions.S_NOISE;

    private static final SolverTraits TRAITS = SolverTraits.sde(2, 2,
                    "k-diffusion sample_dpm_2_ancestral; Lu et al. 2022, arXiv:2206.00927 (DPM-Solver-2) with ancestral noise")
            .withSchedules(KOptions.FINITE_SIGMA)
            .withOptions(ETA, S_NOISE);

    @Override public String name() { return "dpm2-ancestral"; }

    @Override public Set<String> aliases() {
        return Set.of("KDPM2AncestralDiscreteScheduler", "sample_dpm_2_ancestral", "k_dpm_2_a", "dpm_2_ancestral");
    }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        return new Dpm2Ancestral(config.grid(), config.options().get(ETA), config.options().get(S_NOISE));
    }
}
