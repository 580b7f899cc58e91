package org.diffuse4j.samplers.sde;

import java.util.Set;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;
import org.diffuse4j.samplers.sde.DpmSdeMultistep.SolverType;

/**
 * Provides {@link DpmSolverPlusPlus2MSde} as {@code dpmpp-2m-sde}. k-diffusion has no lower-order final steps
 * ({@code lower_order_final=false}) and draws from a Brownian tree (pass a {@link BrownianTreeNoise}).
 */
public final class DpmSolverPlusPlus2MSdeProvider implements SolverProvider {
    public static final Option<Double> ETA = KOptions.ETA;
    public static final Option<Double> S_NOISE = KOptions.S_NOISE;
    /** diffusers' {@code solver_order}: 1 gives SDE-DPM-Solver++(1) at every step. */
    public static final Option<Integer> SOLVER_ORDER = Option.integer("solver_order", 2, 1, 2, "maximum order");
    /** k-diffusion's / diffusers' {@code solver_type}. */
    public static final Option<SolverType> SOLVER_TYPE = Option.choice("solver_type", SolverType.class, SolverType.MIDPOINT,
            "second-order correction: midpoint or heun");
    public static final Option<Boolean> LOWER_ORDER_FINAL = MultistepOrder.LOWER_ORDER_FINAL;
    public static final Option<Integer> LOWER_ORDER_FINAL_BELOW = MultistepOrder.LOWER_ORDER_FINAL_BELOW;
    public static final Option<Boolean> EULER_AT_FINAL = MultistepOrder.EULER_AT_FINAL;

    private static final SolverTraits TRAITS = SolverTraits.sde(2, 1,
                    "Lu et al. 2022, arXiv:2211.01095 (SDE-DPM-Solver++(2M)); k-diffusion sample_dpmpp_2m_sde")
            .withHistory(1)
            .withOptions(ETA, S_NOISE, SOLVER_ORDER, SOLVER_TYPE, LOWER_ORDER_FINAL, LOWER_ORDER_FINAL_BELOW, EULER_AT_FINAL);

    @Override public String name() { return "dpmpp-2m-sde"; }

    @Override public Set<String> aliases() {
        return Set.of("sample_dpmpp_2m_sde", "k_dpmpp_2m_sde", "dpmpp_2m_sde", "sde-dpmsolver++", "sde-dpm-solver++-2m");
    }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        SolverOptions o = config.options();
        MultistepOrder orders = new MultistepOrder(o.get(SOLVER_ORDER), o.get(LOWER_ORDER_FINAL), o.get(LOWER_ORDER_FINAL_BELOW),
                o.get(EULER_AT_FINAL));
        return new DpmSolverPlusPlus2MSde(config.grid(), orders, o.get(SOLVER_TYPE), o.get(ETA), o.get(S_NOISE));
    }
}
