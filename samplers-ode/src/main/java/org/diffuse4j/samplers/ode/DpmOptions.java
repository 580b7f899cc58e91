package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.predict.Thresholds;
import org.diffuse4j.samplers.ode.DpmSolverPlusPlus2M.SolverType;
import org.diffuse4j.samplers.ode.DpmSolverSinglestep.OrderSchedule;

/** The options the DPM-Solver providers share (each provider re-exports the ones it accepts), and their reading. */
final class DpmOptions {
    private DpmOptions() {}

    /** diffusers' {@code solver_order}, the official {@code order}: the highest order used. */
    static Option<Integer> solverOrder(int min, int max, int defaultValue) {
        return Option.integer("solver_order", defaultValue, min, max, "highest order used (" + min + " … " + max + ")");
    }

    /** diffusers' {@code solver_type}, the official {@code solver_type} (dpmsolver = midpoint, taylor = heun). */
    static final Option<SolverType> SOLVER_TYPE = Option.choice("solver_type", SolverType.class, SolverType.MIDPOINT,
            "higher-order correction: midpoint (official dpmsolver, k-diffusion) or heun (official taylor)");

    /** diffusers' and the official {@code lower_order_final}. */
    static final Option<Boolean> LOWER_ORDER_FINAL = Option.bool("lower_order_final", true,
            "lower orders at the last steps of short grids (fewer steps than lower_order_final_below)");

    /** The grid length below which {@code lower_order_final} applies: diffusers 15, official DPM-Solver 10. */
    static Option<Integer> lowerOrderFinalBelow(int defaultValue) {
        return Option.integer("lower_order_final_below", defaultValue, 0, 1_000_000,
                "grids with fewer steps lower the order of their last steps (diffusers: 15, official DPM-Solver: 10)");
    }

    /** diffusers' {@code euler_at_final}. */
    static final Option<Boolean> EULER_AT_FINAL = Option.bool("euler_at_final", false,
            "always take the last step with first order");

    /** The official DPM-Solver's {@code denoise_to_zero}: the grid's last step is the extra jump to x̂₀. */
    static final Option<Boolean> DENOISE_TO_ZERO = Option.bool("denoise_to_zero", false,
            "the grid's last step (to σ = 0) is the official DPM-Solver's final denoising call");

    /** diffusers' {@code thresholding}: Imagen's dynamic thresholding of x̂₀ (Saharia et al. 2022, arXiv:2205.11487). */
    static final Option<Boolean> THRESHOLDING = Option.bool("thresholding", false, "dynamic thresholding of x̂₀ (Imagen)");
    static final Option<Double> DYNAMIC_THRESHOLDING_RATIO = Option.real("dynamic_thresholding_ratio", 0.995, 1e-6, 1,
            "quantile of |x̂₀| used as the threshold");
    static final Option<Double> SAMPLE_MAX_VALUE = Option.real("sample_max_value", 1.0, Thresholds.SAMPLE_MAX_VALUE_MIN, Double.POSITIVE_INFINITY,
            "largest threshold (Infinity: the official DPM-Solver's max(quantile, 1))");

    /** How the singlestep solvers group their steps into higher-order updates. */
    static final Option<OrderSchedule> ORDER_SCHEDULE = Option.choice("order_schedule", OrderSchedule.class, OrderSchedule.FAST,
            "grouping of steps into singlestep updates: fast (official DPM-Solver-fast), lower_order_final (diffusers), fixed");

    /** Which second-order form predicts the second intermediate point of a third-order singlestep update. */
    static final Option<SolverType> THIRD_ORDER_INTERMEDIATE = Option.choice("third_order_intermediate", SolverType.class,
            SolverType.HEUN, "form of the second-order prediction inside a third-order step: heun (the paper and the "
                    + "official code) or midpoint (diffusers with solver_type=midpoint)");

    /** Adaptive step size control, the official {@code dpm_solver_adaptive}'s arguments. */
    static final Option<Double> ATOL = Option.real("atol", 0.0078, 1e-12, 1e3, "absolute tolerance");
    static final Option<Double> RTOL = Option.real("rtol", 0.05, 0, 1e3, "relative tolerance");
    static final Option<Double> H_INIT = Option.real("h_init", 0.05, 1e-9, 1e3, "first step size in λ");
    static final Option<Double> THETA = Option.real("theta", 0.9, 1e-3, 1, "safety factor of the step-size update");
    static final Option<Double> T_ERR = Option.real("t_err", 1e-5, 1e-15, 1, "stop when within this of the end time");

    /** The thresholding the options ask for, or null. */
    static DpmForm.Thresholding thresholding(SolverOptions o) {
        return o.get(THRESHOLDING) ? new DpmForm.Thresholding(o.get(DYNAMIC_THRESHOLDING_RATIO), o.get(SAMPLE_MAX_VALUE)) : null;
    }

    /** Refuses {@code denoise_to_zero} on a grid whose last step does not land on clean data. */
    static boolean denoiseToZero(SolverConfig config) {
        boolean d = config.options().get(DENOISE_TO_ZERO);
        if (d && !config.grid().endsAtData()) {
            throw new ConfigurationException(DENOISE_TO_ZERO.name(), "needs a grid whose last step lands on clean data (σ = 0)");
        }
        if (d && config.grid().steps() < 2) {
            throw new ConfigurationException(DENOISE_TO_ZERO.name(), "needs at least one solver step before the final jump");
        }
        return d;
    }

    /** The multistep rules from the options of a multistep provider. */
    static DpmMultistep.Rules multistepRules(SolverConfig config, Option<Integer> solverOrder, Option<Integer> lowerOrderFinalBelow) {
        SolverOptions o = config.options();
        return new DpmMultistep.Rules(o.get(solverOrder), o.get(SOLVER_TYPE), o.get(LOWER_ORDER_FINAL), o.get(lowerOrderFinalBelow),
                o.get(EULER_AT_FINAL), denoiseToZero(config), thresholding(o));
    }

    /** The singlestep rules from the options of a singlestep provider ({@code intermediate} null for order ≤ 2). */
    static DpmSinglestep.Rules singlestepRules(SolverConfig config, Option<Integer> solverOrder, Option<SolverType> intermediate) {
        SolverOptions o = config.options();
        SolverType type = o.get(SOLVER_TYPE);
        return new DpmSinglestep.Rules(o.get(solverOrder), o.get(ORDER_SCHEDULE), type, intermediate == null ? type : o.get(intermediate),
                denoiseToZero(config), thresholding(o), StartStep.read(config));
    }

    /** The singlestep solvers' {@code start_step}: a run from step k of the grid with the whole grid's order groups. */
    static final Option<Integer> START_STEP = StartStep.OPTION;

    /** The adaptive controls from the options of an adaptive provider. */
    static DpmAdaptive.Control adaptiveControl(SolverConfig config, Option<Integer> solverOrder) {
        SolverOptions o = config.options();
        return new DpmAdaptive.Control(o.get(solverOrder), o.get(SOLVER_TYPE), o.get(ATOL), o.get(RTOL), o.get(H_INIT), o.get(THETA),
                o.get(T_ERR), thresholding(o));
    }
}
