package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;

/** {@code Dpm2} passes the whole conformance kit. */
class Dpm2ConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new Dpm2Provider(); }
}
