package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;

/** {@code PredictorCorrector} passes the whole conformance kit. */
class PredictorCorrectorConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new PredictorCorrectorProvider(); }
}
