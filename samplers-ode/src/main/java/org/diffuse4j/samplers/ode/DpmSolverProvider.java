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

/**
 * Provides {@link DpmSolver} (multistep, noise prediction) as {@code dpm-solver}. Not on rectified flow: the noise
 * form's factor α_t/α_s is undefined where the path starts, at α = 0.
 */
public final class DpmSolverProvider implements SolverProvider {
    /** The official {@code order}, diffusers' {@code solver_order}: 2 by default, as both. */
    public static final Option<Integer> SOLVER_ORDER = DpmOptions.solverOrder(1, 3, 2);
    public static final Option<SolverType> SOLVER_TYPE = DpmOptions.SOLVER_TYPE;
    public static final Option<Boolean> LOWER_ORDER_FINAL = DpmOptions.LOWER_ORDER_FINAL;
    /** 10 by default, the official code's rule; diffusers uses 15. */
    public static final Option<Integer> LOWER_ORDER_FINAL_BELOW = DpmOptions.lowerOrderFinalBelow(10);
    public static final Option<Boolean> EULER_AT_FINAL = DpmOptions.EULER_AT_FINAL;
    public static final Option<Boolean> DENOISE_TO_ZERO = DpmOptions.DENOISE_TO_ZERO;
    public static final Option<Boolean> THRESHOLDING = DpmOptions.THRESHOLDING;
    public static final Option<Double> DYNAMIC_THRESHOLDING_RATIO = DpmOptions.DYNAMIC_THRESHOLDING_RATIO;
    public static final Option<Double> SAMPLE_MAX_VALUE = DpmOptions.SAMPLE_MAX_VALUE;

    private static final SolverTraits TRAITS = SolverTraits.ode(2, 1,
                    "Lu et al. 2022, arXiv:2206.00927 (DPM-Solver), multistep form of arXiv:2211.01095, App. B")
            .withHistory(2)
            .withSchedules(EnumSet.of(ScheduleFamily.DISCRETE_VP, ScheduleFamily.CONTINUOUS_VP, ScheduleFamily.VE))
            .withOptions(SOLVER_ORDER, SOLVER_TYPE, LOWER_ORDER_FINAL, LOWER_ORDER_FINAL_BELOW, EULER_AT_FINAL, DENOISE_TO_ZERO,
                    THRESHOLDING, DYNAMIC_THRESHOLDING_RATIO, SAMPLE_MAX_VALUE);

    @Override public String name() { return "dpm-solver"; }

    @Override public Set<String> aliases() { return Set.of("dpm-solver-multistep", "dpmsolver", "dpm_solver"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        return new DpmSolver(config.grid(), DpmOptions.multistepRules(config, SOLVER_ORDER, LOWER_ORDER_FINAL_BELOW));
    }
}
