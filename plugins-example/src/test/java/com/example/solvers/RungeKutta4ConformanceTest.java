package com.example.solvers;

import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;

/** The classical Runge–Kutta method passes the diffuse4j conformance kit. */
class RungeKutta4ConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new RungeKutta4Provider(); }
}
