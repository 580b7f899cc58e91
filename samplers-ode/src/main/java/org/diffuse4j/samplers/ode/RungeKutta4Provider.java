package org.diffuse4j.samplers.ode;

import java.util.Set;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;

/** Provides {@link RungeKutta4} as {@code rk4}. */
public final class RungeKutta4Provider implements SolverProvider {
    private static final SolverTraits TRAITS = SolverTraits.ode(4, 4,
                    "Kutta 1901 (classical RK4) on the PF-ODE in (y, s) of Karras et al. 2022, arXiv:2206.00364, Eq. (4)")
            .withSchedules(PfOdeVariables.SIGMA.families());

    @Override public String name() { return "rk4"; }

    @Override public Set<String> aliases() { return Set.of("runge-kutta-4", "classical-rk4"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        return new RungeKutta4(config.grid());
    }
}
