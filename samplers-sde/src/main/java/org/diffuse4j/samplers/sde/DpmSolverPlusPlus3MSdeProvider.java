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
 * Provides {@link DpmSolverPlusPlus3MSde} as {@code dpmpp-3m-sde}. k-diffusion: {@code lower_order_final=false},
 * {@code solver_type=heun} (its second-order warm-up step), a Brownian-tree noise source. diffusers
 * ({@code sde-dpmsolver++}, {@code solver_order=3}): η = 1, {@code solver_type=midpoint}, {@code diffusers_third_order=true}.
 */
public final class DpmSolverPlusPlus3MSdeProvider implements SolverProvider {
    public static final Option<Double> ETA = KOptions.ETA;
    public static final Option<Double> S_NOISE = KOptions.S_NOISE;
    public static final Option<Integer> SOLVER_ORDER = Option.integer("solver_order", 3, 1, 3, "maximum order");
    /** The correction of second-order (warm-up) steps. */
    public static final Option<SolverType> SOLVER_TYPE = Option.choice("solver_type", SolverType.class, SolverType.HEUN,
            "second-order (warm-up) correction: heun (k-diffusion) or midpoint (diffusers' default)");
    public static final Option<Boolean> LOWER_ORDER_FINAL = MultistepOrder.LOWER_ORDER_FINAL;
    public static final Option<Integer> LOWER_ORDER_FINAL_BELOW = MultistepOrder.LOWER_ORDER_FINAL_BELOW;
    public static final Option<Boolean> EULER_AT_FINAL = MultistepOrder.EULER_AT_FINAL;
    /**
     * diffusers' third-order sde-dpmsolver++ step weighs D₂ by (1 − e^{−2h} − 2h)/(2h)² − ½, which is k-diffusion's
     * weight minus 1 and does not vanish as h → 0; set this to reproduce diffusers.
     */
    public static final Option<Boolean> DIFFUSERS_THIRD_ORDER = Option.bool("diffusers_third_order", false,
            "use diffusers' D₂ weight (1 − e^{−2h} − 2h)/(2h)² − ½ in third-order steps");

    private static final SolverTraits TRAITS = SolverTraits.sde(2, 1,
                    "Lu et al. 2022, arXiv:2211.01095 (SDE-DPM-Solver++, 3M); k-diffusion sample_dpmpp_3m_sde")
            .withHistory(2)
            .withOptions(ETA, S_NOISE, SOLVER_ORDER, SOLVER_TYPE, LOWER_ORDER_FINAL, LOWER_ORDER_FINAL_BELOW, EULER_AT_FINAL,
                    DIFFUSERS_THIRD_ORDER);

    @Override public String name() { return "dpmpp-3m-sde"; }

    @Override public Set<String> aliases() { return Set.of("sample_dpmpp_3m_sde", "k_dpmpp_3m_sde", "dpmpp_3m_sde", "sde-dpm-solver++-3m"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        SolverOptions o = config.options();
        MultistepOrder orders = new MultistepOrder(o.get(SOLVER_ORDER), o.get(LOWER_ORDER_FINAL), o.get(LOWER_ORDER_FINAL_BELOW),
                o.get(EULER_AT_FINAL));
        return new DpmSolverPlusPlus3MSde(config.grid(), orders, o.get(SOLVER_TYPE), o.get(ETA), o.get(S_NOISE), o.get(DIFFUSERS_THIRD_ORDER));
    }
}
