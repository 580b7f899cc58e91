package org.diffuse4j.samplers.sde;

import java.util.Set;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;
import org.diffuse4j.samplers.sde.DpmSdeMultistep.SolverType;

/** Provides {@link SdeDpmSolver} as {@code sde-dpm-solver}. */
public final class SdeDpmSolverProvider implements SolverProvider {
    public static final Option<Integer> SOLVER_ORDER = Option.integer("solver_order", 2, 1, 2, "maximum order");
    public static final Option<SolverType> SOLVER_TYPE = Option.choice("solver_type", SolverType.class, SolverType.MIDPOINT,
            "second-order correction: midpoint or heun");
    public static final Option<Boolean> LOWER_ORDER_FINAL = MultistepOrder.LOWER_ORDER_FINAL;
    public static final Option<Integer> LOWER_ORDER_FINAL_BELOW = MultistepOrder.LOWER_ORDER_FINAL_BELOW;
    public static final Option<Boolean> EULER_AT_FINAL = MultistepOrder.EULER_AT_FINAL;

    private static final SolverTraits TRAITS = SolverTraits.sde(2, 1,
                    "Lu et al. 2022, arXiv:2211.01095 (SDE-DPM-Solver-1/2, noise prediction); diffusers sde-dpmsolver")
            .withHistory(1)
            .withSchedules(KOptions.FINITE_SIGMA)
            .withOptions(SOLVER_ORDER, SOLVER_TYPE, LOWER_ORDER_FINAL, LOWER_ORDER_FINAL_BELOW, EULER_AT_FINAL);

    @Override public String name() { return "sde-dpm-solver"; }

    @Override public Set<String> aliases() { return Set.of("sde-dpmsolver", "sde-dpm-solver-2"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        SolverOptions o = config.options();
        MultistepOrder orders = new MultistepOrder(o.get(SOLVER_ORDER), o.get(LOWER_ORDER_FINAL), o.get(LOWER_ORDER_FINAL_BELOW),
                o.get(EULER_AT_FINAL));
        return new SdeDpmSolver(config.grid(), orders, o.get(SOLVER_TYPE));
    }
}
