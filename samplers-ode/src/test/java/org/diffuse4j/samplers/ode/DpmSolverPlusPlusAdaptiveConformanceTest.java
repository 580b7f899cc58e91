package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;
import org.junit.jupiter.api.Nested;

/** {@code dpmpp-adaptive} (orders 3 and 2) passes the whole conformance kit. */
class DpmSolverPlusPlusAdaptiveConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new DpmSolverPlusPlusAdaptiveProvider(); }

    @Nested class Order2 implements SolverContract {
        @Override public SolverProvider provider() { return new DpmSolverPlusPlusAdaptiveProvider(); }

        @Override public SolverOptions options() { return SolverOptions.NONE.with(DpmSolverPlusPlusAdaptiveProvider.SOLVER_ORDER, 2); }
    }
}
