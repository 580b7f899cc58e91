package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;

/** {@code DormandPrince5} passes the whole conformance kit. */
class DormandPrince5ConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new DormandPrince5Provider(); }
}
