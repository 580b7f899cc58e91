package org.diffuse4j.samplers.sde;

import java.util.EnumSet;
import java.util.Set;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.ScheduleFamily;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;
import org.diffuse4j.samplers.sde.PredictorCorrector.Corrector;
import org.diffuse4j.samplers.sde.PredictorCorrector.LangevinNorm;
import org.diffuse4j.samplers.sde.PredictorCorrector.Predictor;

/** Provides {@link PredictorCorrector} as {@code pc}. */
public final class PredictorCorrectorProvider implements SolverProvider {
    public static final Option<Predictor> PREDICTOR = Option.choice("predictor", Predictor.class, Predictor.REVERSE_DIFFUSION,
            "predictor step between levels");
    /** score_sde's {@code langevin} corrector couples batch rows through its norms; {@code ald} (the default) does not. */
    public static final Option<Corrector> CORRECTOR = Option.choice("corrector", Corrector.class, Corrector.ALD,
            "corrector at each level: annealed Langevin dynamics (ald), Langevin with snr step size (langevin), none");
    public static final Option<Double> SNR = Option.real("snr", 0.16, 0, 10, "signal-to-noise ratio r of the corrector's step size");
    public static final Option<Integer> N_STEPS = Option.integer("n_steps", 1, 1, 1000, "corrector steps per level");
    public static final Option<Boolean> NOISE_REMOVAL = Option.bool("noise_removal", true,
            "return the last predictor step's mean (score_sde's denoise=True)");
    public static final Option<LangevinNorm> LANGEVIN_NORM = Option.choice("langevin_norm", LangevinNorm.class, LangevinNorm.BATCH,
            "langevin corrector: norms averaged over the batch (score_sde, diffusers) or per row (batch invariant)");

    private static final SolverTraits TRAITS = SolverTraits.sde(1, 2,
                    "Song et al. 2021, arXiv:2011.13456, Alg. 1–3 (predictor–corrector sampling)")
            .withSchedules(EnumSet.of(ScheduleFamily.DISCRETE_VP, ScheduleFamily.CONTINUOUS_VP, ScheduleFamily.VE))
            .withOptions(PREDICTOR, CORRECTOR, SNR, N_STEPS, NOISE_REMOVAL, LANGEVIN_NORM);

    @Override public String name() { return "pc"; }

    @Override public Set<String> aliases() { return Set.of("predictor-corrector", "pc_sampler", "ScoreSdeVeScheduler"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        SolverOptions o = config.options();
        if (o.get(PREDICTOR) == Predictor.NONE && o.get(CORRECTOR) == Corrector.NONE) {
            throw new ConfigurationException(PREDICTOR.name(), "predictor=none and corrector=none leave nothing to do; choose at least one");
        }
        if (o.get(PREDICTOR) == Predictor.EULER_MARUYAMA) ReverseSde.requireDerivatives(name(), config.grid());
        return new PredictorCorrector(config.grid(), o.get(PREDICTOR), o.get(CORRECTOR), o.get(SNR), o.get(N_STEPS),
                o.get(NOISE_REMOVAL), o.get(LANGEVIN_NORM));
    }
}
