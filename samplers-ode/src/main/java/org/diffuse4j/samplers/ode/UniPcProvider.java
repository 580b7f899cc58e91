package org.diffuse4j.samplers.ode;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.ScheduleFamily;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;
import org.diffuse4j.api.predict.Thresholds;

/**
 * Provides {@link UniPc} as {@code unipc}. Defaults: UniPC-3 with B(h) = e^h − 1 ({@code bh2}), data prediction,
 * the corrector after every step but the last, {@code lower_order_final} on grids of fewer than 15 steps; fourth
 * order (p + 1). diffusers' {@code UniPCMultistepScheduler} defaults to {@code solver_order=2} (third order);
 * ComfyUI's {@code uni_pc} is {@code variant=bh1}, its {@code uni_pc_bh2} the default, both at order 3.
 */
public final class UniPcProvider implements SolverProvider {
    public static final Option<UniPcVariant> VARIANT = Option.choice("variant", UniPcVariant.class, UniPcVariant.BH2,
            "B(h) of the order conditions: bh1 (B = h, official default) or bh2 (B = e^h − 1, diffusers' solver_type default);"
                    + " vary_coeff: UniPC-v as the official code computes it, whose corrector makes it first order (its predictor"
                    + " alone, corrector=false, has order p)");
    /** 3 as the paper recommends for unconditional sampling (and ComfyUI uses); diffusers' default is 2 (guided sampling). */
    public static final Option<Integer> SOLVER_ORDER = Option.integer("solver_order", 3, 1, 3,
            "p of UniP-p / UniC-p: the number of model outputs each step uses (order p + 1 with the corrector)");
    public static final Option<Boolean> CORRECTOR = Option.bool("corrector", true,
            "apply UniC after every predictor step but the last (false: UniP alone)");
    public static final Option<Boolean> PREDICT_X0 = Option.bool("predict_x0", true,
            "integrate the data prediction x̂₀ (true, diffusers' predict_x0 and official data_prediction) or the noise ε̂");
    /** diffusers' {@code disable_corrector} list as a bit mask; an option's value is a single number. */
    public static final Option<Integer> DISABLE_CORRECTOR_MASK = Option.integer("disable_corrector_mask", 0, 0, Integer.MAX_VALUE,
            "bit k set: the result of step k (k < 31) is not corrected (diffusers' disable_corrector [0, 2] is 5)");
    public static final Option<Boolean> FINAL_CORRECTOR = Option.bool("final_corrector", false,
            "also correct the last step, at the cost of one more model call at the last level (official use_corrector)");
    public static final Option<Boolean> LOWER_ORDER_FINAL = Option.bool("lower_order_final", true,
            "on short grids, order min(p, steps − i) at step i, so the last step is first order");
    /**
     * The grid length below which {@code lower_order_final} applies: 15 as diffusers documents it (and as its
     * DPM-Solver and DEIS schedulers do); the UniPC references themselves apply it at every length (replay passes
     * 2147483647).
     */
    public static final Option<Integer> LOWER_ORDER_FINAL_BELOW = Option.integer("lower_order_final_below", 15, 0, Integer.MAX_VALUE,
            "lower_order_final applies to grids of fewer steps than this (15; 2147483647: always, as uni_pc.py and diffusers' UniPC do)");
    public static final Option<Boolean> DENOISE_TO_ZERO = Option.bool("denoise_to_zero", false,
            "the grid's last step (to σ = 0) is the official final denoising call x̂₀");
    public static final Option<Boolean> THRESHOLDING = Option.bool("thresholding", false,
            "dynamic thresholding of x̂₀ (Imagen; data prediction and the final denoising only)");
    public static final Option<Double> DYNAMIC_THRESHOLDING_RATIO = Option.real("dynamic_thresholding_ratio", 0.995, 1e-6, 1,
            "quantile of |x̂₀| used as the threshold");
    public static final Option<Double> SAMPLE_MAX_VALUE = Option.real("sample_max_value", 1.0, Thresholds.SAMPLE_MAX_VALUE_MIN, Double.POSITIVE_INFINITY,
            "largest threshold (Infinity: the official thresholding_max_val = 1, threshold max(quantile, 1))");

    /** Rectified flow starts at α = 0 (λ = −∞), where neither B(h) nor the ratios r_m are finite. */
    static final Set<ScheduleFamily> SCHEDULES = EnumSet.of(ScheduleFamily.DISCRETE_VP, ScheduleFamily.CONTINUOUS_VP, ScheduleFamily.VE);

    private static final SolverTraits TRAITS = SolverTraits.ode(4, 1,
                    "Zhao et al. 2023, arXiv:2302.04867 (UniPC, B(h) variants)")
            .withHistory(2)
            .withSchedules(SCHEDULES)
            .withOptions(VARIANT, SOLVER_ORDER, CORRECTOR, PREDICT_X0, DISABLE_CORRECTOR_MASK, FINAL_CORRECTOR,
                    LOWER_ORDER_FINAL, LOWER_ORDER_FINAL_BELOW, DENOISE_TO_ZERO, THRESHOLDING, DYNAMIC_THRESHOLDING_RATIO, SAMPLE_MAX_VALUE);

    @Override public String name() { return "unipc"; }

    @Override public Set<String> aliases() { return Set.of("UniPCMultistepScheduler", "uni_pc", "uni_pc_bh2"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        SolverOptions o = config.options();
        Grid grid = config.grid();
        if (grid.hasLandings()) {
            throw new ConfigurationException("grid", "UniPC evaluates the model where each step lands; a grid with separate landing levels is not supported");
        }
        boolean denoise = o.get(DENOISE_TO_ZERO);
        if (denoise && (!grid.endsAtData() || grid.steps() < 2)) {
            throw new ConfigurationException(DENOISE_TO_ZERO.name(), "needs a grid of at least 2 steps whose last step lands on clean data (σ = 0)");
        }
        boolean corrector = o.get(CORRECTOR);
        boolean finalCorrector = o.get(FINAL_CORRECTOR);
        if (finalCorrector && !corrector) {
            throw new ConfigurationException(FINAL_CORRECTOR.name(), "true needs corrector=true");
        }
        int last = denoise ? grid.steps() - 2 : grid.steps() - 1;
        if (finalCorrector && grid.to(last).isClean()) {
            throw new ConfigurationException(FINAL_CORRECTOR.name(), "needs a last level with σ > 0: the corrector evaluates the model there");
        }
        boolean predictX0 = o.get(PREDICT_X0);
        if (!predictX0 && grid.from(0).alpha() == 0) {
            throw new ConfigurationException(PREDICT_X0.name(), "false needs α > 0 at the first level: ε̂ does not determine x at α = 0");
        }
        Set<Integer> disabled = new HashSet<>();
        int mask = o.get(DISABLE_CORRECTOR_MASK);
        for (int k = 0; k < 31; k++) if ((mask >>> k & 1) != 0) disabled.add(k);
        boolean thresholding = o.get(THRESHOLDING);
        return new UniPc(grid, new UniPc.Settings(o.get(VARIANT), o.get(SOLVER_ORDER), predictX0, corrector, disabled,
                finalCorrector, o.get(LOWER_ORDER_FINAL), o.get(LOWER_ORDER_FINAL_BELOW), denoise, thresholding ? o.get(DYNAMIC_THRESHOLDING_RATIO) : 0,
                o.get(SAMPLE_MAX_VALUE)));
    }
}
