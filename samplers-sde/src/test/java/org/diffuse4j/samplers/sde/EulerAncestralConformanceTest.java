package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;

/** {@code EulerAncestral} passes the whole conformance kit. */
class EulerAncestralConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new EulerAncestralProvider(); }
}
