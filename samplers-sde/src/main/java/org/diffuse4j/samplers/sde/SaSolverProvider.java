package org.diffuse4j.samplers.sde;

import java.util.Set;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;
import org.diffuse4j.samplers.sde.SaSolver.AlgorithmType;

/**
 * Provides {@link SaSolver} as {@code sa-solver}. diffusers' default τ function (τ = 1 for integer timesteps
 * 200 … 800, 0 elsewhere) is {@code tau=1 tau_window_start=200 tau_window_end=800}; the default here is τ = 1 on the
 * whole grid, which does not depend on the schedule's time units.
 */
public final class SaSolverProvider implements SolverProvider {
    public static final Option<Integer> PREDICTOR_ORDER = Option.integer("predictor_order", 2, 1, 4, "order of the SA-Predictor");
    public static final Option<Integer> CORRECTOR_ORDER = Option.integer("corrector_order", 2, 1, 4, "order of the SA-Corrector");
    public static final Option<Boolean> LOWER_ORDER_FINAL = Option.bool("lower_order_final", true, "lower the orders over the last steps");
    public static final Option<AlgorithmType> ALGORITHM_TYPE = Option.choice("algorithm_type", AlgorithmType.class,
            AlgorithmType.DATA_PREDICTION, "integrate x̂₀ (data_prediction) or ε̂ (noise_prediction)");
    public static final Option<Double> TAU = Option.real("tau", 1.0, 0, 10, "stochasticity τ inside the window (0 = deterministic UniPC-like)");
    public static final Option<Double> TAU_WINDOW_START = Option.real("tau_window_start", Double.NEGATIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, "smallest model time with τ > 0");
    public static final Option<Double> TAU_WINDOW_END = Option.real("tau_window_end", Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, "largest model time with τ > 0");

    private static final SolverTraits TRAITS = SolverTraits.sde(2, 1, "Xue et al. 2023, arXiv:2309.05019 (SA-Solver); diffusers SASolverScheduler")
            .withHistory(3)
            .withSchedules(KOptions.FINITE_SIGMA)
            .withOptions(PREDICTOR_ORDER, CORRECTOR_ORDER, LOWER_ORDER_FINAL, ALGORITHM_TYPE, TAU, TAU_WINDOW_START, TAU_WINDOW_END);

    @Override public String name() { return "sa-solver"; }

    @Override public Set<String> aliases() { return Set.of("SASolverScheduler", "sa_solver"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        SolverOptions o = config.options();
        if (config.grid().hasLandings()) {
            throw new ConfigurationException("grid", "sa-solver steps between the grid's own levels; a grid with landing levels is not supported");
        }
        return new SaSolver(config.grid(), o.get(PREDICTOR_ORDER), o.get(CORRECTOR_ORDER), o.get(LOWER_ORDER_FINAL), o.get(ALGORITHM_TYPE),
                o.get(TAU), o.get(TAU_WINDOW_START), o.get(TAU_WINDOW_END));
    }
}
