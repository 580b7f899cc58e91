package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * {@code DpmSolverPlusPlus2SAncestral} passes the conformance kit; its order is measured exactly in the asymptotic range
 * ({@link ExactWeakOrder}) instead of by the kit's Monte Carlo slope over 4–32 steps from σ/α = 152, because
 * at 4–32 steps its weak error still falls faster than first and slower than second order (kit slope 1.44).
 */
class DpmSolverPlusPlus2SAncestralConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new DpmSolverPlusPlus2SAncestralProvider(); }

    @Override @Test @DisplayName("measured order equals the declared order (exact moments, 32–128 steps)")
    public void convergesAtDeclaredOrder(TestReporter r) { ExactWeakOrder.verify(provider(), SolverOptions.NONE, r); }
}
