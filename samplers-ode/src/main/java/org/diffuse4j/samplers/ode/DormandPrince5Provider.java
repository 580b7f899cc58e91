package org.diffuse4j.samplers.ode;

import java.util.Set;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;

/** Provides {@link DormandPrince5} as {@code dopri5}. */
public final class DormandPrince5Provider implements SolverProvider {
    public static final Option<Double> RTOL = Option.real("rtol", 1e-4, 1e-13, 1, "relative tolerance of the local error (in y = x/α)");
    public static final Option<Double> ATOL = Option.real("atol", 1e-4, 1e-15, 1, "absolute tolerance of the local error (in y = x/α)");
    public static final Option<Double> FINAL_SIGMA = Option.real("final_sigma", 1e-3, 0, 1e6,
            "a step to σ = 0 integrates down to σ/α = final_sigma, then returns x̂₀ there (0: from the step's start)");

    private static final SolverTraits TRAITS = SolverTraits.ode(5, 6,
                    "Dormand & Prince 1980 (5(4) pair), Hairer, Nørsett & Wanner I, §II.4–5, on the PF-ODE in (y, log σ)")
            .withSchedules(PfOdeVariables.SIGMA.families())
            .withOptions(RTOL, ATOL, FINAL_SIGMA)
            .asAdaptive();

    @Override public String name() { return "dopri5"; }

    @Override public Set<String> aliases() { return Set.of("rk45", "dormand-prince"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        SolverOptions o = config.options();
        return new DormandPrince5(config.grid(), o.get(RTOL), o.get(ATOL), o.get(FINAL_SIGMA),
                StepSizeController.pi(RungeKuttaTableau.DOPRI5.embeddedOrder()));
    }
}
