package org.diffuse4j.samplers.ode;

import java.util.EnumSet;
import java.util.Set;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.ScheduleFamily;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;
import org.diffuse4j.samplers.ode.DpmSolverPlusPlus2M.SolverType;
import org.diffuse4j.samplers.ode.DpmSolverSinglestep.OrderSchedule;

/**
 * Provides {@link DpmSolverPlusPlus2S} as {@code dpmpp-2s}. Not on rectified flow: an update starting where α = 0
 * (λ = −∞) has no intermediate point at a finite fraction of h.
 */
public final class DpmSolverPlusPlus2SProvider implements SolverProvider {
    /**
     * diffusers' {@code solver_order}, the official {@code order}: 2 by default (DPM-Solver++(2S)); 1 gives DDIM at every
     * step, 3 the third-order singlestep DPM-Solver++.
     */
    public static final Option<Integer> SOLVER_ORDER = DpmOptions.solverOrder(1, 3, 2);
    public static final Option<OrderSchedule> ORDER_SCHEDULE = DpmOptions.ORDER_SCHEDULE;
    public static final Option<SolverType> SOLVER_TYPE = DpmOptions.SOLVER_TYPE;
    public static final Option<SolverType> THIRD_ORDER_INTERMEDIATE = DpmOptions.THIRD_ORDER_INTERMEDIATE;
    public static final Option<Boolean> DENOISE_TO_ZERO = DpmOptions.DENOISE_TO_ZERO;
    public static final Option<Boolean> THRESHOLDING = DpmOptions.THRESHOLDING;
    public static final Option<Double> DYNAMIC_THRESHOLDING_RATIO = DpmOptions.DYNAMIC_THRESHOLDING_RATIO;
    public static final Option<Double> SAMPLE_MAX_VALUE = DpmOptions.SAMPLE_MAX_VALUE;
    /** A run from step k of the grid, the whole grid's groups cut as diffusers' scheduler does from timesteps[k]. */
    public static final Option<Integer> START_STEP = DpmOptions.START_STEP;

    private static final SolverTraits TRAITS = SolverTraits.ode(2, 1,
                    "Lu et al. 2022, arXiv:2211.01095, Algorithm 1 (DPM-Solver++(2S))")
            .withHistory(1)
            .withSchedules(EnumSet.of(ScheduleFamily.DISCRETE_VP, ScheduleFamily.CONTINUOUS_VP, ScheduleFamily.VE))
            .withOptions(SOLVER_ORDER, ORDER_SCHEDULE, SOLVER_TYPE, THIRD_ORDER_INTERMEDIATE, DENOISE_TO_ZERO, THRESHOLDING,
                    DYNAMIC_THRESHOLDING_RATIO, SAMPLE_MAX_VALUE, START_STEP);

    @Override public String name() { return "dpmpp-2s"; }

    @Override public Set<String> aliases() {
        return Set.of("DPMSolverSinglestepScheduler", "dpmpp_2s", "dpm-solver++-2s", "dpmpp-singlestep", "dpm-solver++-singlestep");
    }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        return new DpmSolverPlusPlus2S(config.grid(), DpmOptions.singlestepRules(config, SOLVER_ORDER, THIRD_ORDER_INTERMEDIATE));
    }
}
