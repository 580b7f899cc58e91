package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;

/** {@code FlowHeun} passes the whole conformance kit. */
class FlowHeunConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new FlowHeunProvider(); }
}
