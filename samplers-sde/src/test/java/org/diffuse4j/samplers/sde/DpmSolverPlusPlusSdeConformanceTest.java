package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;

/** {@code DpmSolverPlusPlusSde} passes the whole conformance kit. */
class DpmSolverPlusPlusSdeConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new DpmSolverPlusPlusSdeProvider(); }
}
