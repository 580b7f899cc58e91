package org.diffuse4j.samplers.ode;

import java.util.Set;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;
import org.diffuse4j.samplers.ode.DpmSolverPlusPlus2M.SolverType;

/** Provides {@link DpmSolverPlusPlus2M} as {@code dpmpp-2m}. */
public final class DpmSolverPlusPlus2MProvider implements SolverProvider {
    /** diffusers' {@code solver_order}: 1 gives DPM-Solver++(1) ≡ DDIM at every step. */
    public static final Option<Integer> SOLVER_ORDER = DpmOptions.solverOrder(1, 2, 2);
    /** diffusers' {@code solver_type}. */
    public static final Option<SolverType> SOLVER_TYPE = DpmOptions.SOLVER_TYPE;
    /** diffusers' {@code lower_order_final}. */
    public static final Option<Boolean> LOWER_ORDER_FINAL = DpmOptions.LOWER_ORDER_FINAL;
    /** The grid length below which {@code lower_order_final} applies: diffusers 15, official DPM-Solver 10. */
    public static final Option<Integer> LOWER_ORDER_FINAL_BELOW = DpmOptions.lowerOrderFinalBelow(15);
    /** diffusers' {@code euler_at_final}. */
    public static final Option<Boolean> EULER_AT_FINAL = DpmOptions.EULER_AT_FINAL;
    /** The official DPM-Solver's {@code denoise_to_zero}: the grid's last step is the extra jump to x̂₀. */
    public static final Option<Boolean> DENOISE_TO_ZERO = DpmOptions.DENOISE_TO_ZERO;
    /** diffusers' {@code thresholding}, {@code dynamic_thresholding_ratio}, {@code sample_max_value}. */
    public static final Option<Boolean> THRESHOLDING = DpmOptions.THRESHOLDING;
    public static final Option<Double> DYNAMIC_THRESHOLDING_RATIO = DpmOptions.DYNAMIC_THRESHOLDING_RATIO;
    public static final Option<Double> SAMPLE_MAX_VALUE = DpmOptions.SAMPLE_MAX_VALUE;

    private static final SolverTraits TRAITS = SolverTraits.ode(2, 1,
                    "Lu et al. 2022, arXiv:2211.01095, Algorithm 2 (DPM-Solver++(2M))")
            .withHistory(1)
            .withOptions(SOLVER_ORDER, SOLVER_TYPE, LOWER_ORDER_FINAL, LOWER_ORDER_FINAL_BELOW, EULER_AT_FINAL, DENOISE_TO_ZERO,
                    THRESHOLDING, DYNAMIC_THRESHOLDING_RATIO, SAMPLE_MAX_VALUE);

    @Override public String name() { return "dpmpp-2m"; }

    @Override public Set<String> aliases() {
        return Set.of("DPMSolverMultistepScheduler", "sample_dpmpp_2m", "k_dpmpp_2m", "dpm-solver++-2m", "dpmpp_2m");
    }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        return new DpmSolverPlusPlus2M(config.grid(), DpmOptions.multistepRules(config, SOLVER_ORDER, LOWER_ORDER_FINAL_BELOW));
    }
}
