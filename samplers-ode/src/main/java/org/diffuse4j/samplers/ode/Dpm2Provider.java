package org.diffuse4j.samplers.ode;

import java.util.Set;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;

/** Provides {@link Dpm2} as {@code dpm2}. */
public final class Dpm2Provider implements SolverProvider {
    private static final SolverTraits TRAITS = SolverTraits.ode(2, 2,
                    "k-diffusion sample_dpm_2 (midpoint in log σ; after Lu et al. 2022, arXiv:2206.00927); diffusers KDPM2DiscreteScheduler")
            .withSchedules(PfOdeVariables.SIGMA.families());

    @Override public String name() { return "dpm2"; }

    @Override public Set<String> aliases() { return Set.of("KDPM2DiscreteScheduler", "sample_dpm_2", "dpm_2", "k_dpm_2"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        return new Dpm2(config.grid());
    }
}
