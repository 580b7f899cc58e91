package org.diffuse4j.samplers.ode;

import java.util.Set;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;
import org.diffuse4j.samplers.ode.DpmSolverPlusPlus2M.SolverType;

/** Provides {@link DpmSolverPlusPlus2M} as {@code dpmpp-2m}. */
public final class DpmSolverPlusPlus2MProvider implements SolverProvider {
    /** diffusers' {@code solver_order}: 1 gives DPM-Solver++(1) ≡ DDIM at every step. */
    public static final Option<Integer> SOLVER_ORDER = Option.integer("solver_order", 2, 1, 2,
            "maximum order (1 = DPM-Solver++(1), 2 = DPM-Solver++(2M))");
    /** diffusers' {@code solver_type}. */
    public static final Option<SolverType> SOLVER_TYPE = Option.choice("solver_type", SolverType.class, SolverType.MIDPOINT,
            "second-order correction: midpoint (official dpmsolver, k-diffusion) or heun (Taylor)");
    /** diffusers' {@code lower_order_final}. */
    public static final Option<Boolean> LOWER_ORDER_FINAL = Option.bool("lower_order_final", true,
            "first order at the last step of short grids (fewer steps than lower_order_final_below)");
    /** The grid length below which {@code lower_order_final} applies: diffusers 15, official DPM-Solver 10. */
    public static final Option<Integer> LOWER_ORDER_FINAL_BELOW = Option.integer("lower_order_final_below", 15, 0, 1_000_000,
            "grids with fewer steps use first order at the last step (diffusers: 15, official DPM-Solver: 10)");
    /** diffusers' {@code euler_at_final}. */
    public static final Option<Boolean> EULER_AT_FINAL = Option.bool("euler_at_final", false,
            "always take the last step with first order");

    /** The official DPM-Solver's {@code denoise_to_zero}: the grid's last step is the extra jump to x̂₀. */
    public static final Option<Boolean> DENOISE_TO_ZERO = Option.bool("denoise_to_zero", false,
            "the grid's last step (to σ = 0) is the official DPM-Solver's final denoising call");

    private static final SolverTraits TRAITS = SolverTraits.ode(2, 1,
                    "Lu et al. 2022, arXiv:2211.01095, Algorithm 2 (DPM-Solver++(2M))")
            .withHistory(1)
            .withOptions(SOLVER_ORDER, SOLVER_TYPE, LOWER_ORDER_FINAL, LOWER_ORDER_FINAL_BELOW, EULER_AT_FINAL, DENOISE_TO_ZERO);

    @Override public String name() { return "dpmpp-2m"; }

    @Override public Set<String> aliases() {
        return Set.of("DPMSolverMultistepScheduler", "sample_dpmpp_2m", "k_dpmpp_2m", "dpm-solver++-2m");
    }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        SolverOptions o = config.options();
        if (o.get(DENOISE_TO_ZERO) && !config.grid().endsAtData()) {
            throw new ConfigurationException(DENOISE_TO_ZERO.name(), "needs a grid whose last step lands on clean data (σ = 0)");
        }
        return new DpmSolverPlusPlus2M(config.grid(), o.get(SOLVER_ORDER), o.get(SOLVER_TYPE), o.get(LOWER_ORDER_FINAL),
                o.get(LOWER_ORDER_FINAL_BELOW), o.get(EULER_AT_FINAL), o.get(DENOISE_TO_ZERO));
    }
}
