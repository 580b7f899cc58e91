package org.diffuse4j.runtime;

import java.util.Set;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;

/** Test fixture registered only in the test sources' {@code META-INF/services}: provides {@link TestEuler}. */
public final class TestEulerProvider implements SolverProvider {
    static final SolverTraits TRAITS = SolverTraits.ode(1, 1, "test fixture (DDIM form, Song et al. 2021, Eq. (12))");

    @Override public String name() { return "test-euler"; }

    @Override public Set<String> aliases() { return Set.of("TestEulerScheduler", "k_test_euler"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        return new TestEuler(config.grid());
    }
}
