package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;

/** {@code DpmSolverPlusPlus2MSde} passes the whole conformance kit. */
class DpmSolverPlusPlus2MSdeConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new DpmSolverPlusPlus2MSdeProvider(); }
}
