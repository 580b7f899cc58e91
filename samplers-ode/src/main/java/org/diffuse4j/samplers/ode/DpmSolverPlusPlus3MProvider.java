package org.diffuse4j.samplers.ode;

import java.util.Set;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;
import org.diffuse4j.samplers.ode.DpmSolverPlusPlus2M.SolverType;

/** Provides {@link DpmSolverPlusPlus3M} as {@code dpmpp-3m}. */
public final class DpmSolverPlusPlus3MProvider implements SolverProvider {
    /** diffusers' {@code solver_order}: 3 by default; 2 and 1 give DPM-Solver++(2M) and DDIM. */
    public static final Option<Integer> SOLVER_ORDER = DpmOptions.solverOrder(1, 3, 3);
    /** diffusers' {@code solver_type} (it changes the second-order warm-up and lower-order steps only). */
    public static final Option<SolverType> SOLVER_TYPE = DpmOptions.SOLVER_TYPE;
    /** diffusers' {@code lower_order_final} (with {@code lower_order_second} for order 3). */
    public static final Option<Boolean> LOWER_ORDER_FINAL = DpmOptions.LOWER_ORDER_FINAL;
    public static final Option<Integer> LOWER_ORDER_FINAL_BELOW = DpmOptions.lowerOrderFinalBelow(15);
    public static final Option<Boolean> EULER_AT_FINAL = DpmOptions.EULER_AT_FINAL;
    public static final Option<Boolean> DENOISE_TO_ZERO = DpmOptions.DENOISE_TO_ZERO;
    public static final Option<Boolean> THRESHOLDING = DpmOptions.THRESHOLDING;
    public static final Option<Double> DYNAMIC_THRESHOLDING_RATIO = DpmOptions.DYNAMIC_THRESHOLDING_RATIO;
    public static final Option<Double> SAMPLE_MAX_VALUE = DpmOptions.SAMPLE_MAX_VALUE;

    /** Order 2 is what it achieves; see {@link DpmSolverPlusPlus3M} on the official third-order coefficient. */
    private static final SolverTraits TRAITS = SolverTraits.ode(2, 1,
                    "Lu et al. 2022, arXiv:2211.01095, App. B (multistep DPM-Solver++, order 3)")
            .withHistory(2)
            .withOptions(SOLVER_ORDER, SOLVER_TYPE, LOWER_ORDER_FINAL, LOWER_ORDER_FINAL_BELOW, EULER_AT_FINAL, DENOISE_TO_ZERO,
                    THRESHOLDING, DYNAMIC_THRESHOLDING_RATIO, SAMPLE_MAX_VALUE);

    @Override public String name() { return "dpmpp-3m"; }

    @Override public Set<String> aliases() { return Set.of("dpm-solver++-3m", "dpmpp_3m"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        return new DpmSolverPlusPlus3M(config.grid(), DpmOptions.multistepRules(config, SOLVER_ORDER, LOWER_ORDER_FINAL_BELOW));
    }
}
