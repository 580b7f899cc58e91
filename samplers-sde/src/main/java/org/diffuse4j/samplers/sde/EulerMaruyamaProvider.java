package org.diffuse4j.samplers.sde;

import java.util.EnumSet;
import java.util.Set;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
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

    private static final SolverTraits TRAITS = SolverTraits.sde(1, 1,
                    "Song et al. 2021, arXiv:2011.13456 (Euler–Maruyama on the reverse SDE)")
            .withSchedules(EnumSet.of(ScheduleFamily.DISCRETE_VP, ScheduleFamily.CONTINUOUS_VP, ScheduleFamily.VE))
            .withOptions(DENOISE_FINAL);

    @Override public String name() { return "euler-maruyama"; }

    @Override public Set<String> aliases() { return Set.of("em", "reverse-sde"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        Grid grid = config.grid();
        for (int i = 0; i < grid.steps(); i++) {
            NoiseLevel l = grid.from(i);
            if (!(l.alpha() > 0) || Double.isNaN(l.dAlpha()) || Double.isNaN(l.dSigma())) {
                throw new ConfigurationException("grid", "euler-maruyama needs α > 0 and time derivatives at every step; level "
                        + i + " (t = " + l.t() + ") has α = " + l.alpha() + ", α′ = " + l.dAlpha() + ", σ′ = " + l.dSigma());
            }
        }
        return new EulerMaruyama(grid, config.options().get(DENOISE_FINAL));
    }
}
