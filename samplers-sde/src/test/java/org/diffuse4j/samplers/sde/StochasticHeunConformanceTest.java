package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;

/** {@code StochasticHeun} passes the whole conformance kit. */
class StochasticHeunConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new StochasticHeunProvider(); }
}
