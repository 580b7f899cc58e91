package org.diffuse4j.samplers.sde;

import java.util.Set;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;

/** Provides {@link DpmSolverPlusPlus2SAncestral} as {@code dpmpp-2s-ancestral}. */
public final class DpmSolverPlusPlus2SAncestralProvider implements SolverProvider {
    public static final Option<Double> ETA = KOptions.ETA;
    public static final Option<Double> S_NOISE = KOptions.S_NOISE;

    private static final SolverTraits TRAITS = SolverTraits.sde(2, 2,
                    "k-diffusion sample_dpmpp_2s_ancestral; Lu et al. 2022, arXiv:2211.01095 (DPM-Solver++(2S)) with ancestral noise")
            .withSchedules(KOptions.FINITE_SIGMA)
            .withOptions(ETA, S_NOISE);

    @Override public String name() { return "dpmpp-2s-ancestral"; }

    @Override public Set<String> aliases() { return Set.of("sample_dpmpp_2s_ancestral", "k_dpmpp_2s_a", "dpmpp_2s_ancestral"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        return new DpmSolverPlusPlus2SAncestral(config.grid(), config.options().get(ETA), config.options().get(S_NOISE));
    }
}
