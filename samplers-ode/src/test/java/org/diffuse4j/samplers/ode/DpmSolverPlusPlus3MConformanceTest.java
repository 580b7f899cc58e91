package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;
import org.diffuse4j.conformance.Tolerances;
import org.diffuse4j.samplers.ode.DpmSolverPlusPlus2M.SolverType;
import org.junit.jupiter.api.Nested;

/**
 * {@code dpmpp-3m} passes the whole conformance kit. It declares order 2 (see {@link DpmSolverPlusPlus3M}); its
 * third-order terms still shrink the 16-step error, so the kit's 16 … 128-step slope is 2.32 (slopes 2.69, 2.23, 2.08
 * between successive doublings, 2.0 beyond), hence an order tolerance of 0.4.
 */
class DpmSolverPlusPlus3MConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new DpmSolverPlusPlus3MProvider(); }

    @Override public Tolerances tolerances() { return SolverContract.super.tolerances().withOrder(0.4); }

    @Nested class Heun implements SolverContract {
        @Override public SolverProvider provider() { return new DpmSolverPlusPlus3MProvider(); }

        @Override public SolverOptions options() { return SolverOptions.NONE.with(DpmSolverPlusPlus3MProvider.SOLVER_TYPE, SolverType.HEUN); }

        @Override public Tolerances tolerances() { return SolverContract.super.tolerances().withOrder(0.4); }
    }
}
