package org.diffuse4j.samplers.sde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.Betas;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.api.schedule.VeSchedule;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.junit.jupiter.api.Test;

/** LCM, TCD and consistency-model sampling: boundary scalings, intermediate levels and single steps by hand. */
class ConsistencyFamilyTest {
    private static final DiscreteVpSchedule SD = DiscreteVpSchedule.fromBetas(Betas.scaledLinear(0.00085, 0.012, 1000));

    private static Denoiser constant(double x0) {
        return new Denoiser() {
            @Override public Prediction target() { return Prediction.DATA; }

            @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning c) { return Tensor.full(x0, x.shape()); }
        };
    }

    @Test
    void lcmBoundaryScalingsByHand() {
        // timestep 3, τ = 10, σ_d = 0.5: (τk)² = 900, c_skip = 0.25/900.25, c_out = 30/√900.25; timestep 0: c_skip 1, c_out 0
        assertThat(Lcm.cSkip(3, 10, 0.5)).isCloseTo(0.25 / 900.25, within(1e-17));
        assertThat(Lcm.cOut(3, 10, 0.5)).isCloseTo(30 / Math.sqrt(900.25), within(1e-15));
        assertThat(Lcm.cSkip(0, 10, 0.5)).isEqualTo(1);
        assertThat(Lcm.cOut(0, 10, 0.5)).isEqualTo(0);
    }

    @Test
    void lcmDenoisesThenRenoisesAndReturnsTheLastDenoisedEstimate() {
        Grid grid = Grids.vpTimesteps(SD, new double[] {999, 499}, NoiseLevel.clean(0, -1));
        var lcm = new LcmProvider().create(SolverConfig.of(grid, Prediction.DATA).withOptions(SolverOptions.parse(List.of("timestep_scaling=0.001"))));
        NoiseSource z = NoiseSource.replay(List.of(Tensor.full(0.5, 1, 1)));
        double x = 1;
        Tensor out = Sampler.sample(lcm, constant(2), Tensor.full(x, 1, 1), z).samples();
        // step 1 (k = 999, τk = 0.999): f₁ = c_out·2 + c_skip·x; x₁ = α₄₉₉ f₁ + σ₄₉₉·0.5; step 2 (k = 499): f₂ = c_out·2 + c_skip·x₁
        double f1 = Lcm.cOut(999, 0.001, 0.5) * 2 + Lcm.cSkip(999, 0.001, 0.5) * x;
        NoiseLevel mid = SD.timestep(499);
        double x1 = mid.alpha() * f1 + mid.sigma() * 0.5;
        assertThat(out.get(0)).isCloseTo(Lcm.cOut(499, 0.001, 0.5) * 2 + Lcm.cSkip(499, 0.001, 0.5) * x1, within(1e-14));
        assertThat(z.draws()).isEqualTo(1);
    }

    @Test
    void lcmNeedsADiscreteSchedule() {
        assertThatThrownBy(() -> new LcmProvider().create(SolverConfig.of(Grids.uniformTime(VpLinearSchedule.standard(), 4), Prediction.DATA)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("CONTINUOUS_VP");
    }

    @Test
    void tcdJumpsToTheIntermediateTimestepThenForwardNoises() {
        Grid grid = Grids.vpTimesteps(SD, new double[] {999, 700}, SD.timestep(0));
        Tcd tcd = (Tcd) new TcdProvider().create(SolverConfig.of(grid, Prediction.DATA));
        // γ = 0.3: s = ⌊0.7·700⌋ = 489 (diffusers: floor((1 − γ)·prev_timestep)); the last step's s = 0
        assertThat(tcd.intermediate(SD.timestep(700)).modelTime()).isEqualTo(489);
        assertThat(tcd.intermediate(SD.timestep(0)).modelTime()).isEqualTo(0);
        NoiseLevel t = SD.timestep(999), s = SD.timestep(489), prev = SD.timestep(700);
        double x = 0.4, x0 = 2, eps = (x - t.alpha() * x0) / t.sigma();
        double xs = s.alpha() * x0 + s.sigma() * eps;
        double r = prev.alpha() / s.alpha();
        double x1 = r * xs + Math.sqrt(prev.sigma() * prev.sigma() - r * r * s.sigma() * s.sigma()) * -0.7;
        NoiseLevel zero = SD.timestep(0);
        double expected = zero.alpha() * x0 + zero.sigma() * (x1 - prev.alpha() * x0) / prev.sigma();
        NoiseSource z = NoiseSource.replay(List.of(Tensor.full(-0.7, 1, 1)));
        assertThat(Sampler.sample(tcd, constant(x0), Tensor.full(x, 1, 1), z).samples().get(0)).isCloseTo(expected, within(1e-13));
    }

    @Test
    void tcdWithGammaZeroIsDdim() {
        Grid grid = Grids.vpTimesteps(SD, new double[] {999, 750, 500, 250}, SD.timestep(0));
        var data = org.diffuse4j.models.analytic.GaussianMixture.single(new double[] {0.3}, 0.6);
        var denoiser = new org.diffuse4j.models.analytic.GaussianMixtureDenoiser(data, Prediction.DATA);
        Tensor xT = NoiseSource.seeded(4).gaussian(6, 1);
        Tensor tcd = Sampler.sample(new TcdProvider().create(SolverConfig.of(grid, Prediction.DATA).withOptions(
                SolverOptions.parse(List.of("gamma=0")))), denoiser, xT, NoiseSource.replay(List.of())).samples();
        Tensor ddim = Sampler.sample(new DdimEtaProvider().create(SolverConfig.of(grid, Prediction.DATA).withOptions(
                SolverOptions.parse(List.of("eta=0")))), denoiser, xT, NoiseSource.replay(List.of())).samples();
        assertThat(tcd.maxAbsDistance(ddim)).isLessThan(1e-12);
    }

    @Test
    void consistencyFunctionScalingsAndGridAsDiffusers() {
        ConsistencyFunction f = ConsistencyFunction.standard();
        // s = 2: c_skip = 0.25/((1.998)² + 0.25), c_out = 1.998·0.5/√4.25, c_in = 1/√4.25; s = s_min: c_skip 1, c_out 0
        assertThat(f.cSkip(2)).isCloseTo(0.25 / (1.998 * 1.998 + 0.25), within(1e-16));
        assertThat(f.cOut(2)).isCloseTo(1.998 * 0.5 / Math.sqrt(4.25), within(1e-16));
        assertThat(f.cIn(2)).isCloseTo(1 / Math.sqrt(4.25), within(1e-16));
        assertThat(f.cSkip(0.002)).isEqualTo(1);
        assertThat(f.cOut(0.002)).isEqualTo(0);
        // diffusers' test_full_loop_no_noise_multistep (201 training timesteps, timesteps [106, 0]): σ = 80, 1.9128435850…, then 0.002;
        // network times 1000·¼·log σ (the suite's values, float32 σ in the reference)
        Grid grid = ConsistencyFunction.grid(new VeSchedule(0.002, 80), new int[] {106, 0}, 201, 7);
        assertThat(grid.steps()).isEqualTo(2);
        assertThat(grid.level(0).sigma()).isCloseTo(80, within(1e-12));
        assertThat(grid.level(1).sigma()).isCloseTo(1.9128435850143433, within(1e-6));
        assertThat(grid.level(2).sigma()).isEqualTo(0.002);
        assertThat(grid.level(0).modelTime()).isCloseTo(1095.5066586684702, within(1e-9));
        assertThat(grid.level(1).modelTime()).isCloseTo(162.1477353828711, within(1e-4));
    }

    @Test
    void consistencyStepRenoisesToTheClampedNextLevel() {
        Grid grid = Grid.of(new VeSchedule(0.002, 80), List.of(NoiseLevel.of(1, 1, 80, 0), NoiseLevel.of(0.5, 1, 1.5, 0),
                NoiseLevel.of(0, 1, 0.002, 0)));
        var cm = new ConsistencySamplerProvider().create(SolverConfig.of(grid, Prediction.DATA)
                .withOptions(SolverOptions.parse(List.of("s_noise=1.2", "clip_denoised=true"))));
        // step 1: x̂₀ = clamp(2) = 1; y = 1 + 1.2·√(1.5² − 0.002²)·0.5; step 2 to s_min: x̂₀ only, no draw
        NoiseSource z = NoiseSource.replay(List.of(Tensor.full(0.5, 1, 1)));
        Tensor out = Sampler.sample(cm, constant(2), Tensor.full(3, 1, 1), z).samples();
        assertThat(out.get(0)).isEqualTo(1);
        assertThat(z.draws()).isEqualTo(1);
    }
}
