package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;

/** {@code dpmpp-2m} with {@code solver_type=heun} passes the whole conformance kit. */
class DpmSolverPlusPlus2MHeunConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new DpmSolverPlusPlus2MProvider(); }

    @Override public SolverOptions options() { return SolverOptions.NONE.with(DpmSolverPlusPlus2MProvider.SOLVER_TYPE, DpmSolverPlusPlus2M.SolverType.HEUN); }
}
