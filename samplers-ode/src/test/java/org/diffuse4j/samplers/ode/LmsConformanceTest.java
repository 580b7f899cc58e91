package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;

/** {@code Lms} passes the whole conformance kit. */
class LmsConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new LmsProvider(); }
}
