package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;
import org.junit.jupiter.api.Nested;

/**
 * {@code deis} passes the whole conformance kit with its defaults (order 2), at order 1 (DDIM) and at order 3. DEIS-3's
 * errors on Gaussian data fall irregularly and faster than third order (4.4 over 64 … 512 steps), so the kit confirms its
 * order on the two-mode mixture (3.04).
 */
class DeisConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new DeisProvider(); }

    @Nested class Order1 implements SolverContract {
        @Override public SolverProvider provider() { return new OptionSetProvider(new DeisProvider(), 1); }

        @Override public SolverOptions options() { return SolverOptions.NONE.with(DeisProvider.SOLVER_ORDER, 1); }
    }

    @Nested class Order3 implements SolverContract {
        @Override public SolverProvider provider() { return new OptionSetProvider(new DeisProvider(), 3); }

        @Override public SolverOptions options() { return SolverOptions.NONE.with(DeisProvider.SOLVER_ORDER, 3); }
    }
}
