package org.diffuse4j.samplers.sde;

import java.util.EnumSet;
import java.util.Set;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.ScheduleFamily;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;

/** Provides {@link EulerMaruyama} as {@code euler-maruyama}. */
public final class EulerMaruyamaProvider implements SolverProvider {
    /** Skip the noise of the last step (score_sde's noise removal). */
    public static final Option<Boolean> DENOISE_FINAL = Option.bool("denoise_final", true,
            "return the mean of the last step (no noise added)");
    /** λ of the SDE family: 1 the reverse SDE, 0 the probability-flow ODE. */
    public static final Option<Double> LAMBDA = Option.real("lambda", 1.0, 0, 1,
            "noise fraction λ: drift f x − (1+λ)/2 g² score, diffusion √λ g (1 = reverse SDE, 0 = probability-flow ODE)");

    private static final SolverTraits TRAITS = SolverTraits.sde(1, 1,
                    "Song et al. 2021, arXiv:2011.13456 (Euler–Maruyama on the reverse SDE)")
            .withSchedules(EnumSet.of(ScheduleFamily.DISCRETE_VP, ScheduleFamily.CONTINUOUS_VP, ScheduleFamily.VE))
            .withOptions(DENOISE_FINAL, LAMBDA);

    @Override public String name() { return "euler-maruyama"; }

    @Override public Set<String> aliases() { return Set.of("em", "reverse-sde", "EulerMaruyamaPredictor"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        ReverseSde.requireDerivatives(name(), config.grid());
        return new EulerMaruyama(config.grid(), config.options().get(DENOISE_FINAL), config.options().get(LAMBDA));
    }
}
