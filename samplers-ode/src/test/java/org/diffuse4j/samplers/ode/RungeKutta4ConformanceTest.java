package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;

/** {@code RungeKutta4} passes the whole conformance kit. */
class RungeKutta4ConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new RungeKutta4Provider(); }
}
