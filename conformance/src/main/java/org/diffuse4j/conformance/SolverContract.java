package org.diffuse4j.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The contract every solver plugin passes. Implement it in a test class and return your provider:
 * <pre>{@code
 * class MySolverConformanceTest implements SolverContract {
 *     public SolverProvider provider() { return new MySolverProvider(); }
 * }
 * }</pre>
 * Each check measures one declared trait against an oracle the kit computes itself and reports the
 * measured figure (error, order, call count), passing or not. A capability the solver does not declare is
 * skipped, never failed.
 */
public interface SolverContract {
    /** The provider under test. */
    SolverProvider provider();

    /** Options to create the solver with (default: none). */
    default SolverOptions options() { return SolverOptions.NONE; }

    /** Tolerances, within {@link Tolerances#BOUNDS}; defaults follow the declared traits. */
    default Tolerances tolerances() { return Tolerances.defaultsFor(provider().traits()); }

    /** Runs one check and turns its result into a JUnit outcome, publishing the measured figure. */
    default void verify(String check, TestReporter reporter) {
        CheckResult r = Checks.run(check, new Checks.Subject(provider(), options(), tolerances()));
        reporter.publishEntry(check, r.figure());
        System.out.println("[conformance] " + provider().name() + (options().names().isEmpty() ? "" : " " + options()) + " "
                + r.status() + " " + r.describe());
        switch (r.status()) {
            case PASSED -> { }
            case SKIPPED -> Assumptions.abort(r.detail());
            case FAILED -> fail(provider().name() + " " + r.describe());
        }
    }

    @Test @DisplayName("id is stable and valid; traits are consistent")
    default void nameAndTraits(TestReporter r) { verify("name-and-traits", r); }

    @Test @DisplayName("declared tolerances stay within the kit's bounds")
    default void tolerancesInBounds(TestReporter r) { verify("tolerances-in-bounds", r); }

    @Test @DisplayName("declared model calls equal the calls made")
    default void modelCallsAsDeclared(TestReporter r) { verify("model-calls-as-declared", r); }

    @Test @DisplayName("measured order equals the declared order")
    default void convergesAtDeclaredOrder(TestReporter r) { verify("order", r); }

    @Test @DisplayName("stochastic: sample moments of Gaussian data")
    default void matchesGaussianMoments(TestReporter r) { verify("gaussian-moments", r); }

    @Test @DisplayName("deterministic: endpoint of the mixtures' probability-flow ODE")
    default void matchesMixtureFlow(TestReporter r) { verify("mixture-flow", r); }

    @Test @DisplayName("deterministic: lands on single-point data")
    default void landsOnSinglePoint(TestReporter r) { verify("single-point", r); }

    @Test @DisplayName("seed behaviour matches the declared kind (deterministic or stochastic)")
    default void seedBehaviourMatchesKind(TestReporter r) { verify("seed-behaviour", r); }

    @Test @DisplayName("runs are repeatable: no state survives a run")
    default void repeatableWithoutHiddenState(TestReporter r) { verify("repeatable-no-hidden-state", r); }

    @Test @DisplayName("same answer whatever target the denoiser predicts")
    default void invariantToNativeTarget(TestReporter r) { verify("native-target-invariance", r); }

    @Test @DisplayName("rows of a batch are independent")
    default void batchInvariant(TestReporter r) { verify("batch-invariance", r); }

    @Test @DisplayName("one instance shared by 8 threads gives the sequential results")
    default void threadSafe(TestReporter r) { verify("thread-safety", r); }

    @Test @DisplayName("works on every declared schedule family and refuses the others")
    default void scheduleFamilies(TestReporter r) { verify("schedule-families", r); }

    @Test @DisplayName("1, 2, 3 and 5 steps never produce NaN")
    default void lowStepCountsStayFinite(TestReporter r) { verify("low-step-counts", r); }

    @Test @DisplayName("a NaN from the model is reported, not propagated")
    default void modelNanIsReported(TestReporter r) { verify("model-nan-reported", r); }

    @Test @DisplayName("unknown options are refused by name")
    default void refusesUnknownOption(TestReporter r) { verify("refuses-unknown-option", r); }

    @Test @DisplayName("unsupported prediction targets are refused by name")
    default void refusesUnsupportedTargets(TestReporter r) { verify("refuses-unsupported-targets", r); }
}
