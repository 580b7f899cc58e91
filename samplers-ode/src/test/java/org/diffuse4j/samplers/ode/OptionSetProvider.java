package org.diffuse4j.samplers.ode;

import java.util.Set;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;

/**
 * A provider as the conformance kit should see it under a non-default option set: the same id, options and
 * solvers, but declaring the convergence order that option set gives (a provider's traits describe its defaults,
 * and the kit checks the declared order). The test passes the option set itself through {@code options()}.
 */
final class OptionSetProvider implements SolverProvider {
    private final SolverProvider provider;
    private final SolverTraits traits;

    OptionSetProvider(SolverProvider provider, int order) {
        this.provider = provider;
        SolverTraits t = provider.traits();
        this.traits = new SolverTraits(t.stochastic(), order, t.modelCallsPerStep(), t.historyLength(), t.accepts(), t.schedules(),
                t.options(), t.reference(), t.adaptive(), t.model());
    }

    @Override public String name() { return provider.name(); }

    @Override public Set<String> aliases() { return provider.aliases(); }

    @Override public SolverTraits traits() { return traits; }

    @Override public Solver<?> create(SolverConfig config) { return provider.create(config); }
}
