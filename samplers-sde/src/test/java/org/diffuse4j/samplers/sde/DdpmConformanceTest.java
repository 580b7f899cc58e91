package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;

/** {@code Ddpm} passes the whole conformance kit. */
class DdpmConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new DdpmProvider(); }
}
