package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;
import org.diffuse4j.samplers.ode.DpmSolverPlusPlus2M.SolverType;
import org.junit.jupiter.api.Nested;

/**
 * {@code dpmpp-2s} passes the whole conformance kit with its defaults and with the Taylor (heun) form; its
 * {@code solver_order=3} is left to {@code DpmSolverSinglestepTest} (see {@link DpmSolverSinglestepConformanceTest}).
 */
class DpmSolverPlusPlus2SConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new DpmSolverPlusPlus2SProvider(); }

    @Nested class Heun implements SolverContract {
        @Override public SolverProvider provider() { return new DpmSolverPlusPlus2SProvider(); }

        @Override public SolverOptions options() { return SolverOptions.NONE.with(DpmSolverPlusPlus2SProvider.SOLVER_TYPE, SolverType.HEUN); }
    }
}
