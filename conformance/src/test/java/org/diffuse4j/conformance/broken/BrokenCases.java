package org.diffuse4j.conformance.broken;

import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;

/**
 * The contract applied to each broken provider. These classes are run only through EngineTestKit by
 * {@code ConformanceKitSelfTest} (their names do not match surefire's patterns): they are meant to fail.
 */
public final class BrokenCases {
    private BrokenCases() {}

    public static class WrongOrderCase implements SolverContract {
        @Override public SolverProvider provider() { return new BrokenProviders.WrongOrder(); }
    }

    public static class HiddenRngCase implements SolverContract {
        @Override public SolverProvider provider() { return new BrokenProviders.HiddenRng(); }
    }

    public static class WrongCallCountCase implements SolverContract {
        @Override public SolverProvider provider() { return new BrokenProviders.WrongCallCount(); }
    }

    public static class NotThreadSafeCase implements SolverContract {
        @Override public SolverProvider provider() { return new BrokenProviders.NotThreadSafe(); }
    }

    public static class MutatingSharedStateCase implements SolverContract {
        @Override public SolverProvider provider() { return new BrokenProviders.MutatingSharedState(); }
    }

    public static class NanSwallowingCase implements SolverContract {
        @Override public SolverProvider provider() { return new BrokenProviders.NanSwallowing(); }
    }

    public static class WrongWeakOrderCase implements SolverContract {
        @Override public SolverProvider provider() { return new BrokenProviders.WrongWeakOrder(); }
    }

    public static class WrongConsistencyStepCase implements SolverContract {
        @Override public SolverProvider provider() { return new BrokenProviders.WrongConsistencyStep(); }
    }

    public static class ExactForGaussiansCase implements SolverContract {
        @Override public SolverProvider provider() { return new BrokenProviders.ExactForGaussians(); }
    }
}
