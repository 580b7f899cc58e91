package org.diffuse4j.samplers.sde;

import java.util.Set;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;

/** Provides {@link EulerAncestral} as {@code euler-ancestral}. */
public final class EulerAncestralProvider implements SolverProvider {
    public static final Option<Double> ETA = KOptions.ETA;
    public static final Option<Double> S_NOISE = KOptions.S_NOISE;

    private static final SolverTraits TRAITS = SolverTraits.sde(1, 1,
                    "k-diffusion sample_euler_ancestral; Karras et al. 2022, arXiv:2206.00364, Eq. (4) with ancestral noise")
            .withOptions(ETA, S_NOISE);

    @Override public String name() { return "euler-ancestral"; }

    @Override public Set<String> aliases() {
        return Set.of("EulerAncestralDiscreteScheduler", "sample_euler_ancestral", "k_euler_a", "euler_ancestral", "euler_a");
    }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        return new EulerAncestral(config.grid(), config.options().get(ETA), config.options().get(S_NOISE));
    }
}
