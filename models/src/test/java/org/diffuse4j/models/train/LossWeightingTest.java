package org.diffuse4j.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.Betas;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.api.schedule.RectifiedFlowSchedule;
import org.junit.jupiter.api.Test;

/** Loss weightings against the forms the literature (and diffusers' training scripts) write per objective. */
class LossWeightingTest {
    private final DiscreteVpSchedule ddpm = DiscreteVpSchedule.fromBetas(Betas.linear(1e-4, 0.02, 1000));

    @Test void minSnrMatchesHangEtAlPerObjective() {
        LossWeighting w = new LossWeighting.MinSnr(5);
        for (int k : new int[] {3, 100, 500, 990}) {
            NoiseLevel l = ddpm.timestep(k);
            double snr = l.alpha() * l.alpha() / (l.sigma() * l.sigma());
            assertThat(w.multiplier(Prediction.EPSILON, l)).isCloseTo(Math.min(snr, 5) / snr, within(1e-12));
            assertThat(w.multiplier(Prediction.V, l)).isCloseTo(Math.min(snr, 5) / (snr + 1), within(1e-12));
            assertThat(w.multiplier(Prediction.DATA, l)).isCloseTo(Math.min(snr, 5), within(1e-9));
        }
    }

    @Test void snrWeightingIsTheUnweightedEpsilonLossAndSigmaSquaredForTheScore() {
        NoiseLevel l = ddpm.timestep(300);
        assertThat(new LossWeighting.Snr().multiplier(Prediction.EPSILON, l)).isCloseTo(1, within(1e-12));
        // denoising score matching with λ(σ) = σ²: ‖σ ŝ + ε‖² (Song & Ermon 2019)
        assertThat(new LossWeighting.Snr().multiplier(Prediction.SCORE, l)).isCloseTo(l.sigma() * l.sigma(), within(1e-12));
        assertThat(new LossWeighting.Uniform().multiplier(Prediction.SCORE, l)).isEqualTo(1);
    }

    @Test void truncatedSnrIsMaxOfSnrAndOneInTheDataSpace() {
        NoiseLevel noisy = ddpm.timestep(900), clean = ddpm.timestep(5);
        LossWeighting w = new LossWeighting.TruncatedSnr();
        assertThat(w.multiplier(Prediction.DATA, noisy)).isEqualTo(1);
        double snr = clean.alpha() * clean.alpha() / (clean.sigma() * clean.sigma());
        assertThat(w.multiplier(Prediction.DATA, clean)).isCloseTo(snr, within(1e-9 * snr));
        assertThat(w.multiplier(Prediction.EPSILON, clean)).isCloseTo(1, within(1e-12));
    }

    @Test void flowMatchingFactorIsOneOverTSquaredOnRectifiedFlow() {
        NoiseLevel l = new RectifiedFlowSchedule(1).at(0.25);
        // u = ε − x₀ at fixed x_t: û − u = −(1/t)(x̂₀ − x₀), so the SNR weighting multiplies by SNR·t² = (1 − t)²
        assertThat(new LossWeighting.Snr().multiplier(Prediction.VELOCITY, l)).isCloseTo(0.75 * 0.75, within(1e-12));
    }

    @Test void parsesNamesAndRejectsUnknownOnes() {
        assertThat(LossWeighting.parse("min-snr", 3)).isEqualTo(new LossWeighting.MinSnr(3));
        assertThatThrownBy(() -> LossWeighting.parse("p2", 1)).hasMessageContaining("uniform, snr, min-snr, truncated-snr");
        assertThatThrownBy(() -> new LossWeighting.MinSnr(0)).hasMessageContaining("snr-gamma");
    }

    @Test void timeSamplingStaysInsideTheSchedule() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 1000; i++) {
            NoiseLevel d = new TimeSampling.DiscreteUniform().sample(ddpm, rng);
            assertThat(d.modelTime()).isBetween(0.0, 999.0).isEqualTo(Math.rint(d.modelTime()));
            double t = new TimeSampling.LogitNormal(0, 1).sample(new RectifiedFlowSchedule(1), rng).t();
            assertThat(t).isStrictlyBetween(0.0, 1.0);
        }
        assertThatThrownBy(() -> new TimeSampling.DiscreteUniform().sample(new RectifiedFlowSchedule(1), rng))
                .hasMessageContaining("discrete");
    }
}
