package com.example.solvers;

import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;

/** Ralston's method passes the diffuse4j conformance kit. */
class RalstonConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new RalstonProvider(); }
}
