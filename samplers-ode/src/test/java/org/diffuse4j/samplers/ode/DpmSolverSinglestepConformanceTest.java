package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;
import org.diffuse4j.samplers.ode.DpmSolverPlusPlus2M.SolverType;
import org.diffuse4j.samplers.ode.DpmSolverSinglestep.OrderSchedule;
import org.junit.jupiter.api.Nested;

/**
 * {@code dpm-solver-singlestep} passes the whole conformance kit with its defaults (DPM-Solver-2) and under the option
 * sets below. Order 3 is left to {@code DpmSolverSinglestepTest} (fixed groups on 3·2^k steps): on the kit's 8 … 512
 * steps every grouping ends with a lower-order update whose order depends on n mod 3, so the errors do not lie on one
 * line (observed 2.27 over 64 … 512 steps, slopes 0.7 … 4.1 between successive doublings).
 */
class DpmSolverSinglestepConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new DpmSolverSinglestepProvider(); }

    /** As diffusers' DPMSolverSinglestepScheduler runs it: its lower_order_final grouping. */
    @Nested class DiffusersGrouping implements SolverContract {
        @Override public SolverProvider provider() { return new DpmSolverSinglestepProvider(); }

        @Override public SolverOptions options() {
            return SolverOptions.NONE.with(DpmSolverSinglestepProvider.ORDER_SCHEDULE, OrderSchedule.LOWER_ORDER_FINAL);
        }
    }

    @Nested class Taylor implements SolverContract {
        @Override public SolverProvider provider() { return new DpmSolverSinglestepProvider(); }

        @Override public SolverOptions options() { return SolverOptions.NONE.with(DpmSolverSinglestepProvider.SOLVER_TYPE, SolverType.HEUN); }
    }

    @Nested class Order1 implements SolverContract {
        @Override public SolverProvider provider() { return new OptionSetProvider(new DpmSolverSinglestepProvider(), 1); }

        @Override public SolverOptions options() { return SolverOptions.NONE.with(DpmSolverSinglestepProvider.SOLVER_ORDER, 1); }
    }
}
