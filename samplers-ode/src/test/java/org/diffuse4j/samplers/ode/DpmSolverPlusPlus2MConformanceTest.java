package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;

/** {@code DpmSolverPlusPlus2M} passes the whole conformance kit. */
class DpmSolverPlusPlus2MConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new DpmSolverPlusPlus2MProvider(); }
}
