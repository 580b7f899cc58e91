package com.example.solvers;

import static org.diffuse4j.api.ScheduleFamily.CONTINUOUS_VP;
import static org.diffuse4j.api.ScheduleFamily.DISCRETE_VP;
import static org.diffuse4j.api.ScheduleFamily.VE;

import java.util.EnumSet;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;

/** Provides {@link Kutta38} as {@code rk38}. */
public final class Kutta38Provider implements SolverProvider {
    // y = x/α is infinite where α = 0, so no rectified flow
    private static final SolverTraits TRAITS = SolverTraits.ode(4, 4,
                    "Kutta 1901, Z. Math. Phys. 46, 435-453 (3/8 rule), on the PF-ODE of Karras et al. 2022, arXiv:2206.00364, Eq. (4)")
            .withSchedules(EnumSet.of(DISCRETE_VP, CONTINUOUS_VP, VE));

    @Override public String name() { return "rk38"; }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        return new Kutta38(config.grid());
    }
}
