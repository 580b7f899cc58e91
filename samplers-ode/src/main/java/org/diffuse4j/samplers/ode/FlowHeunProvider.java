package org.diffuse4j.samplers.ode;

import java.util.Set;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;

/** Provides {@link FlowHeun} as {@code flow-heun}. */
public final class FlowHeunProvider implements SolverProvider {
    private static final SolverTraits TRAITS = SolverTraits.ode(2, 2,
                    "Karras et al. 2022, arXiv:2206.00364, Algorithm 1 on the rectified-flow ODE; diffusers FlowMatchHeunDiscreteScheduler");

    @Override public String name() { return "flow-heun"; }

    @Override public Set<String> aliases() { return Set.of("FlowMatchHeunDiscreteScheduler", "flow-match-heun"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        return new FlowHeun(config.grid());
    }
}
