package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;
import org.diffuse4j.samplers.ode.DpmSolverPlusPlus2M.SolverType;
import org.junit.jupiter.api.Nested;

/**
 * {@code dpm-solver} (multistep, noise prediction) passes the whole conformance kit with its defaults (order 2) and
 * under the option sets below, each declaring the order it gives. {@code solver_order=3} declares 2: the references'
 * third-order update weights its second-derivative term by half (see {@link DpmSolverPlusPlus3M}); observed 2.00.
 */
class DpmSolverConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new DpmSolverProvider(); }

    @Nested class Taylor implements SolverContract {
        @Override public SolverProvider provider() { return new DpmSolverProvider(); }

        @Override public SolverOptions options() { return SolverOptions.NONE.with(DpmSolverProvider.SOLVER_TYPE, SolverType.HEUN); }
    }

    @Nested class Order1 implements SolverContract {
        @Override public SolverProvider provider() { return new OptionSetProvider(new DpmSolverProvider(), 1); }

        @Override public SolverOptions options() { return SolverOptions.NONE.with(DpmSolverProvider.SOLVER_ORDER, 1); }
    }

    @Nested class Order3 implements SolverContract {
        @Override public SolverProvider provider() { return new OptionSetProvider(new DpmSolverProvider(), 2); }

        @Override public SolverOptions options() { return SolverOptions.NONE.with(DpmSolverProvider.SOLVER_ORDER, 3); }
    }
}
