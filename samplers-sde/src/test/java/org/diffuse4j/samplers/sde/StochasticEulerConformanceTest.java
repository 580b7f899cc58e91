package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;

/** {@code StochasticEuler} passes the whole conformance kit. */
class StochasticEulerConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new StochasticEulerProvider(); }
}
