package org.diffuse4j.samplers.sde;

import java.util.Set;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;

/** Provides {@link StochasticHeun} as {@code heun-churn}. */
public final class StochasticHeunProvider implements SolverProvider {
    public static final Option<Double> S_CHURN = Churn.S_CHURN;
    public static final Option<Double> S_TMIN = Churn.S_TMIN;
    public static final Option<Double> S_TMAX = Churn.S_TMAX;
    public static final Option<Double> S_NOISE = Churn.S_NOISE;

    private static final SolverTraits TRAITS = SolverTraits.sde(2, 2,
                    "Karras et al. 2022, arXiv:2206.00364, Algorithm 2 (stochastic Heun with churn); k-diffusion sample_heun(s_churn)")
            .withSchedules(KOptions.FINITE_SIGMA)
            .withOptions(S_CHURN, S_TMIN, S_TMAX, S_NOISE);

    @Override public String name() { return "heun-churn"; }

    @Override public Set<String> aliases() { return Set.of("edm-stochastic", "karras-alg2", "stochastic-heun"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        return new StochasticHeun(config.grid(), Churn.from(config.options()));
    }
}
