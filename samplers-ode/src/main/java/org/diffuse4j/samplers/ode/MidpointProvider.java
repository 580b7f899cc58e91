package org.diffuse4j.samplers.ode;

import java.util.Set;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;

/** Provides {@link Midpoint} as {@code midpoint}. */
public final class MidpointProvider implements SolverProvider {
    private static final SolverTraits TRAITS = SolverTraits.ode(2, 2,
                    "Runge 1895 (explicit midpoint) on the PF-ODE in (y, s) of Karras et al. 2022, arXiv:2206.00364, Eq. (4)")
            .withSchedules(PfOdeVariables.SIGMA.families());

    @Override public String name() { return "midpoint"; }

    @Override public Set<String> aliases() { return Set.of("explicit-midpoint", "rk2"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        return new Midpoint(config.grid());
    }
}
