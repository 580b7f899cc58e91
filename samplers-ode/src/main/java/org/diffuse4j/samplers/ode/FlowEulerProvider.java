package org.diffuse4j.samplers.ode;

import java.util.Set;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;

/** Provides {@link FlowEuler} as {@code flow-euler}. */
public final class FlowEulerProvider implements SolverProvider {
    private static final SolverTraits TRAITS = SolverTraits.ode(1, 1,
                    "Liu et al. 2022, arXiv:2209.03003 (Euler on the rectified-flow ODE); diffusers FlowMatchEulerDiscreteScheduler");

    @Override public String name() { return "flow-euler"; }

    @Override public Set<String> aliases() { return Set.of("FlowMatchEulerDiscreteScheduler", "flow-match-euler"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        return new FlowEuler(config.grid());
    }
}
