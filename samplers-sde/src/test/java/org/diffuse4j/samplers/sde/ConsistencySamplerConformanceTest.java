package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * {@code ConsistencySampler} passes the conformance kit; its moment and order checks run with a consistency model (the exact
 * Gaussian consistency function as the x₀ target, {@link ConsistencyChecks}), which is what a consistency sampler
 * samples from, instead of the kit's posterior-mean denoiser.
 */
class ConsistencySamplerConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new ConsistencySamplerProvider(); }

    @Override @Test @DisplayName("stochastic: sample moments of Gaussian data (consistency function)")
    public void matchesGaussianMoments(TestReporter r) { ConsistencyChecks.moments(provider(), r); }

    @Override @Test @DisplayName("measured order equals the declared order (consistency function)")
    public void convergesAtDeclaredOrder(TestReporter r) { ConsistencyChecks.order(provider(), r); }
}
