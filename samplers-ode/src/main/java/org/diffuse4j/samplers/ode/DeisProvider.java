package org.diffuse4j.samplers.ode;

import java.util.Set;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;
import org.diffuse4j.api.predict.Thresholds;

/** Provides {@link Deis} as {@code deis}. */
public final class DeisProvider implements SolverProvider {
    public static final Option<Integer> SOLVER_ORDER = Option.integer("solver_order", 2, 1, 3,
            "number of noise predictions the log-ρ polynomial runs through (1 = DDIM)");
    public static final Option<Boolean> LOWER_ORDER_FINAL = Option.bool("lower_order_final", true,
            "on grids of fewer than 15 steps, first order at the last step and order ≤ 2 at the one before (diffusers)");
    public static final Option<Boolean> THRESHOLDING = Option.bool("thresholding", false, "dynamic thresholding of x̂₀ (Imagen)");
    public static final Option<Double> DYNAMIC_THRESHOLDING_RATIO = Option.real("dynamic_thresholding_ratio", 0.995, 1e-6, 1,
            "quantile of |x̂₀| used as the threshold");
    public static final Option<Double> SAMPLE_MAX_VALUE = Option.real("sample_max_value", 1.0, Thresholds.SAMPLE_MAX_VALUE_MIN, 1e9, "largest threshold");

    private static final SolverTraits TRAITS = SolverTraits.ode(2, 1,
                    "Zhang & Chen 2023, arXiv:2204.13902 (ρAB-DEIS in log ρ)")
            .withHistory(2)
            .withSchedules(UniPcProvider.SCHEDULES)
            .withOptions(SOLVER_ORDER, LOWER_ORDER_FINAL, THRESHOLDING, DYNAMIC_THRESHOLDING_RATIO, SAMPLE_MAX_VALUE);

    @Override public String name() { return "deis"; }

    @Override public Set<String> aliases() { return Set.of("DEISMultistepScheduler"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        SolverOptions o = config.options();
        if (config.grid().from(0).alpha() == 0) {
            throw new ConfigurationException("grid", "DEIS integrates in ρ = σ/α, which is infinite at the first level (α = 0)");
        }
        if (config.grid().hasLandings()) {
            throw new ConfigurationException("grid", "DEIS evaluates the model where each step lands; a grid with separate landing levels is not supported");
        }
        return new Deis(config.grid(), o.get(SOLVER_ORDER), o.get(LOWER_ORDER_FINAL),
                o.get(THRESHOLDING) ? o.get(DYNAMIC_THRESHOLDING_RATIO) : 0, o.get(SAMPLE_MAX_VALUE));
    }
}
