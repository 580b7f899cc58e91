package org.diffuse4j.samplers.sde;

import java.util.Set;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;
import org.diffuse4j.samplers.sde.StochasticEuler.Convention;

/** Provides {@link StochasticEuler} as {@code euler-churn}. */
public final class StochasticEulerProvider implements SolverProvider {
    public static final Option<Double> S_CHURN = Churn.S_CHURN;
    public static final Option<Double> S_TMIN = Churn.S_TMIN;
    public static final Option<Double> S_TMAX = Churn.S_TMAX;
    public static final Option<Double> S_NOISE = Churn.S_NOISE;
    /** Whose churn convention: k-diffusion (Karras) or diffusers' EulerDiscreteScheduler. */
    public static final Option<Convention> CONVENTION = Option.choice("convention", Convention.class, Convention.KARRAS,
            "karras: model at the churned level (k-diffusion); diffusers: model before the churn, as EulerDiscreteScheduler");

    private static final SolverTraits TRAITS = SolverTraits.sde(1, 1,
                    "Karras et al. 2022, arXiv:2206.00364, Algorithm 2 with Euler steps; k-diffusion sample_euler(s_churn)")
            .withSchedules(KOptions.FINITE_SIGMA)
            .withOptions(S_CHURN, S_TMIN, S_TMAX, S_NOISE, CONVENTION);

    @Override public String name() { return "euler-churn"; }

    @Override public Set<String> aliases() { return Set.of("edm-euler-stochastic", "stochastic-euler"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        return new StochasticEuler(config.grid(), Churn.from(config.options()), config.options().get(CONVENTION), config.modelTarget());
    }
}
