package org.diffuse4j.samplers.ode;

import java.util.Set;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;

/** Provides {@link FlowMidpoint} as {@code flow-midpoint}. */
public final class FlowMidpointProvider implements SolverProvider {
    private static final SolverTraits TRAITS = SolverTraits.ode(2, 2,
                    "Runge 1895 (explicit midpoint) on the rectified-flow ODE of Liu et al. 2022, arXiv:2209.03003");

    @Override public String name() { return "flow-midpoint"; }

    @Override public Set<String> aliases() { return Set.of("flow-match-midpoint"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        return new FlowMidpoint(config.grid());
    }
}
