package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;
import org.junit.jupiter.api.Nested;

/** {@code dpm-solver-adaptive} (DPM-Solver-23, and DPM-Solver-12 below) passes the whole conformance kit. */
class DpmSolverAdaptiveConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new DpmSolverAdaptiveProvider(); }

    @Nested class Order2 implements SolverContract {
        @Override public SolverProvider provider() { return new DpmSolverAdaptiveProvider(); }

        @Override public SolverOptions options() { return SolverOptions.NONE.with(DpmSolverAdaptiveProvider.SOLVER_ORDER, 2); }
    }
}
