package org.diffuse4j.samplers.ode;

import java.util.Set;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;

/** Provides {@link Euler} as {@code euler}. */
public final class EulerProvider implements SolverProvider {
    private static final SolverTraits TRAITS = SolverTraits.ode(1, 1,
            "Karras et al. 2022, arXiv:2206.00364 (Euler on the PF-ODE in σ); diffusers EulerDiscreteScheduler");

    @Override public String name() { return "euler"; }

    @Override public Set<String> aliases() { return Set.of("EulerDiscreteScheduler", "sample_euler", "k_euler"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        return new Euler(config.grid());
    }
}
