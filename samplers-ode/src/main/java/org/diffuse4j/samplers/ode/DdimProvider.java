package org.diffuse4j.samplers.ode;

import java.util.Set;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;

/** Provides {@link Ddim} as {@code ddim}. */
public final class DdimProvider implements SolverProvider {
    private static final SolverTraits TRAITS = SolverTraits.ode(1, 1, "Song et al. 2021, arXiv:2010.02502 (DDIM, η = 0)");

    @Override public String name() { return "ddim"; }

    @Override public Set<String> aliases() { return Set.of("DDIMScheduler", "dpm-solver-1"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        return new Ddim(config.grid());
    }
}
