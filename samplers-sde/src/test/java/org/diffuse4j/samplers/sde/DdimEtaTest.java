package org.diffuse4j.samplers.sde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.junit.jupiter.api.Test;

class DdimEtaTest {
    // ᾱ_t = 0.36 → ᾱ_s = 0.64: σ_{t|s}² = 0.4375, Eq. (16) variance = (0.36/0.64)·0.4375 = 0.24609375
    private static final Grid GRID = Grid.of(VpLinearSchedule.standard(), List.of(NoiseLevel.of(0.5, 0.6, 0.8, 0.5), NoiseLevel.of(0.3, 0.8, 0.6, 0.3)));

    private static Denoiser constant(double x0) {
        return new Denoiser() {
            @Override public Prediction target() { return Prediction.DATA; }

            @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning c) { return Tensor.full(x0, x.shape()); }
        };
    }

    private static double step(String options, double x0, double z) {
        var solver = new DdimEtaProvider().create(SolverConfig.of(GRID, Prediction.DATA).withOptions(
                options.isEmpty() ? SolverOptions.NONE : SolverOptions.parse(List.of(options.split(" ")))));
        return Sampler.sample(solver, constant(x0), Tensor.full(1, 1, 1), NoiseSource.replay(List.of(Tensor.full(z, 1, 1)))).samples().get(0);
    }

    @Test
    void oneStepOfEquationsTwelveAndSixteenByHand() {
        // x = 1, x̂₀ = 2: ε̂ = (1 − 1.2)/0.8 = −0.25; η = 1: s² = 0.24609375,
        // x' = 0.8·2 + √(0.36 − 0.24609375)·(−0.25) + √0.24609375·z (= the DDPM posterior step)
        double s2 = 0.24609375;
        assertThat(step("", 2, 0.5)).isCloseTo(1.6 - 0.25 * Math.sqrt(0.36 - s2) + 0.5 * Math.sqrt(s2), within(1e-14));
        assertThat(step("", 2, 0.5)).isCloseTo(1.515625 + 0.5 * Math.sqrt(s2), within(1e-14));
        // η = 0.5: s² = 0.25·0.24609375
        assertThat(step("eta=0.5", 2, 0.5)).isCloseTo(1.6 - 0.25 * Math.sqrt(0.36 - 0.25 * s2) + 0.25 * Math.sqrt(s2), within(1e-14));
        // η = 0: DDIM, x' = α' x̂₀ + σ' ε̂ = 1.6 − 0.15
        assertThat(step("eta=0", 2, 0.5)).isCloseTo(1.45, within(1e-14));
    }

    @Test
    void clippedModelOutputChangesOnlyTheDirection() {
        // x̂₀ = 2 clipped to 1: diffusers keeps ε̂ = −0.25 from the model; use_clipped_model_output: ε̂ = (1 − 0.6)/0.8 = 0.5
        double d = Math.sqrt(0.36 - 0.24609375);
        assertThat(step("clip_sample=true", 2, 0)).isCloseTo(0.8 - 0.25 * d, within(1e-14));
        assertThat(step("clip_sample=true use_clipped_model_output=true", 2, 0)).isCloseTo(0.8 + 0.5 * d, within(1e-14));
    }
}
