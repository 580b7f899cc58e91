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
 * Provides {@link DpmSolverAdaptive} (DPM-Solver-12/23 in noise prediction) as {@code dpm-solver-adaptive}. Adaptive: model calls are decided at run time. Not on rectified
 * flow, whose path starts at λ = −∞, where no step of finite size in λ begins.
 */
public final class DpmSolverAdaptiveProvider implements SolverProvider {
    /** The official {@code order}: 2 (DPM-Solver-12) or 3 (DPM-Solver-23, the default). */
    public static final Option<Integer> SOLVER_ORDER = DpmOptions.solverOrder(2, 3, 3);
    public static final Option<SolverType> SOLVER_TYPE = DpmOptions.SOLVER_TYPE;
    public static final Option<Double> ATOL = DpmOptions.ATOL;
    public static final Option<Double> RTOL = DpmOptions.RTOL;
    public static final Option<Double> H_INIT = DpmOptions.H_INIT;
    public static final Option<Double> THETA = DpmOptions.THETA;
    public static final Option<Double> T_ERR = DpmOptions.T_ERR;
    public static final Option<Boolean> THRESHOLDING = DpmOptions.THRESHOLDING;
    public static final Option<Double> DYNAMIC_THRESHOLDING_RATIO = DpmOptions.DYNAMIC_THRESHOLDING_RATIO;
    public static final Option<Double> SAMPLE_MAX_VALUE = DpmOptions.SAMPLE_MAX_VALUE;

    private static final SolverTraits TRAITS = SolverTraits.ode(3, 3,
                    "Lu et al. 2022, arXiv:2206.00927, §4 (adaptive DPM-Solver-12/23)")
            .withSchedules(EnumSet.of(ScheduleFamily.DISCRETE_VP, ScheduleFamily.CONTINUOUS_VP, ScheduleFamily.VE))
            .withOptions(SOLVER_ORDER, SOLVER_TYPE, ATOL, RTOL, H_INIT, THETA, T_ERR, THRESHOLDING, DYNAMIC_THRESHOLDING_RATIO,
                    SAMPLE_MAX_VALUE)
            .asAdaptive();

    @Override public String name() { return "dpm-solver-adaptive"; }

    @Override public Set<String> aliases() { return Set.of("dpm-solver-12", "dpm-solver-23", "dpmsolver-adaptive"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        return new DpmSolverAdaptive(config.grid(), DpmOptions.adaptiveControl(config, SOLVER_ORDER));
    }
}
