package org.diffuse4j.samplers.sde;

import java.util.Set;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;

/**
 * Provides {@link DpmSolverPlusPlusSde} as {@code dpmpp-sde}. The references draw from a Brownian tree: pass a
 * {@link BrownianTreeNoise} as the run's noise source for that behaviour (any NoiseSource works).
 */
public final class DpmSolverPlusPlusSdeProvider implements SolverProvider {
    public static final Option<Double> ETA = KOptions.ETA;
    public static final Option<Double> S_NOISE = KOptions.S_NOISE;
    /** k-diffusion's {@code r}: where in λ the intermediate stage sits. */
    public static final Option<Double> R = Option.real("r", 0.5, 1e-3, 1, "position of the intermediate stage in λ (k-diffusion r)");

    private static final SolverTraits TRAITS = SolverTraits.sde(1, 2,
                    "k-diffusion sample_dpmpp_sde; Lu et al. 2022, arXiv:2211.01095 (SDE-DPM-Solver++, two stages)")
            .withSchedules(KOptions.FINITE_SIGMA)
            .withOptions(ETA, S_NOISE, R);

    @Override public String name() { return "dpmpp-sde"; }

    @Override public Set<String> aliases() { return Set.of("DPMSolverSDEScheduler", "sample_dpmpp_sde", "k_dpmpp_sde", "dpmpp_sde"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        return new DpmSolverPlusPlusSde(config.grid(), config.options().get(ETA), config.options().get(S_NOISE), config.options().get(R));
    }
}
