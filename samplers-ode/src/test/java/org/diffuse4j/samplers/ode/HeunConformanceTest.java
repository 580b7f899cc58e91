package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;

/** {@code Heun} passes the whole conformance kit. */
class HeunConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new HeunProvider(); }
}
