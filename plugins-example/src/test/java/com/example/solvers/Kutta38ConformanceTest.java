package com.example.solvers;

import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;

/** Kutta's 3/8 rule passes the diffuse4j conformance kit. */
class Kutta38ConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new Kutta38Provider(); }
}
