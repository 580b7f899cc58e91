package org.diffuse4j.samplers.sde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.ConfigurationException;
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
import org.diffuse4j.api.schedule.RectifiedFlowSchedule;
import org.diffuse4j.api.schedule.VeSchedule;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.junit.jupiter.api.Test;

class EulerMaruyamaTest {
    private static final EulerMaruyamaProvider PROVIDER = new EulerMaruyamaProvider();
    private static final VpLinearSchedule VP = VpLinearSchedule.standard();
    private static final GaussianData DATA = new GaussianData(new double[] {1.0, -0.5}, 0.5);
    private static final int ROWS = 20_000;
    private static final SolverOptions NOISY_FINAL = SolverOptions.NONE.with(EulerMaruyamaProvider.DENOISE_FINAL, false);

    private static Denoiser constant(double x0) {
        return new Denoiser() {
            @Override public Prediction target() { return Prediction.DATA; }

            @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning c) { return Tensor.full(x0, x.shape()); }
        };
    }

    @Test
    void oneStepFollowsTheReverseSdeByHand() {
        // α, σ = 0.6, 0.8 with f = α′/α = −1 (α′ = −0.6, σ′ = 0.45): g² = 2σσ′ − 2fσ² = 0.72 + 1.28 = 2.
        // x = 1, x̂₀ = 2: score = −ε/σ = 0.3125; dt = −0.1: x' = 1 + (−1 − 2·0.3125)(−0.1) + √(2·0.1)·z
        Grid grid = Grid.of(VP, List.of(new NoiseLevel(0.5, 0.6, 0.8, -0.6, 0.45, 0.5), VP.at(0.4)));
        var solver = PROVIDER.create(SolverConfig.of(grid, Prediction.DATA).withOptions(NOISY_FINAL));
        NoiseSource z = NoiseSource.replay(List.of(Tensor.full(0.5, 1, 1)));
        Tensor out = Sampler.sample(solver, constant(2), Tensor.full(1, 1, 1), z).samples();
        assertThat(out.get(0)).isCloseTo(1.1625 + Math.sqrt(0.2) * 0.5, within(1e-14));

        // the default (denoise_final) returns the mean of the last step and draws nothing
        var quiet = PROVIDER.create(SolverConfig.of(grid, Prediction.DATA));
        NoiseSource none = NoiseSource.replay(List.of());
        assertThat(Sampler.sample(quiet, constant(2), Tensor.full(1, 1, 1), none).samples().get(0)).isCloseTo(1.1625, within(1e-14));
    }

    @Test
    void oneVarianceExplodingStepByHand() {
        // VE: f = 0, g² = 2σσ′ = 2 at σ = 1, σ′ = 1; x = 1, x̂₀ = 0.5: score = −0.5; x' = 1 + 2·(−0.5)·0.1 + √0.2·z
        Grid grid = Grid.of(VeSchedule.standard(), List.of(new NoiseLevel(1, 1, 1, 0, 1, 1), new NoiseLevel(0.9, 1, 0.9, 0, 1, 0.9)));
        var solver = PROVIDER.create(SolverConfig.of(grid, Prediction.DATA).withOptions(NOISY_FINAL));
        NoiseSource z = NoiseSource.replay(List.of(Tensor.full(-1.5, 1, 1)));
        assertThat(Sampler.sample(solver, constant(0.5), Tensor.full(1, 1, 1), z).samples().get(0))
                .isCloseTo(0.9 - 1.5 * Math.sqrt(0.2), within(1e-14));
    }

    /**
     * Mean and variance of the Euler–Maruyama chain's output for this Gaussian data: the score is
     * −(x − α μ)/v, so x − α μ evolves linearly; returned as {mean of dimension 0, variance}.
     */
    private static double[] chainMoments(Grid grid, boolean denoiseFinal) {
        double mu = DATA.mu[0];
        double mean = grid.level(0).alpha() * mu, var = DATA.variance(grid.level(0));
        for (int i = 0; i < grid.steps(); i++) {
            NoiseLevel l = grid.from(i);
            double dt = grid.to(i).t() - l.t();
            double f = l.dAlpha() / l.alpha();
            double g2 = 2 * l.sigma() * l.dSigma() - 2 * f * l.sigma() * l.sigma();
            double v = DATA.variance(l);
            double a = 1 + f * dt + g2 * dt / v;
            mean = a * mean - g2 * dt * l.alpha() * mu / v;
            var = a * a * var + (denoiseFinal && i == grid.steps() - 1 ? 0 : -g2 * dt);
        }
        return new double[] {mean, var};
    }

    @Test
    void matchesTheMarginalMomentsAtTheEndOfTheGrid() {
        Grid grid = Grids.uniformTime(VP, 500, 1.0, 1e-3);
        NoiseLevel end = grid.level(500);
        Tensor xT = DATA.sample(grid.level(0), ROWS, 1);
        var solver = PROVIDER.create(SolverConfig.of(grid, Prediction.DATA));
        Tensor out = Sampler.sample(solver, DATA.denoiser(), xT, NoiseSource.seeded(2)).samples();

        double exactVar = DATA.variance(end);
        double[] chain = chainMoments(grid, true);
        double meanBias = Math.abs(chain[0] - end.alpha() * DATA.mu[0]) / DATA.mu[0]; // relative, ≈ 1e-3
        double varBias = Math.abs(chain[1] - exactVar);                             // ≈ 4e-4
        assertThat(meanBias).isLessThan(5e-3);
        assertThat(varBias).isLessThan(2e-3);

        double[] m = GaussianData.means(out);
        double meanSe = Math.sqrt(exactVar / ROWS);
        for (int j = 0; j < 2; j++) {
            double target = end.alpha() * DATA.mu[j];
            assertThat(m[j]).as("mean %d", j).isCloseTo(target, within(4 * meanSe + meanBias * Math.abs(DATA.mu[j])));
        }
        double var = GaussianData.pooledVariance(out);
        double varSe = exactVar * Math.sqrt(2.0 / (2 * ROWS - 2));
        assertThat(var).isCloseTo(exactVar, within(4 * varSe + varBias));
        assertThat(var).isCloseTo(chain[1], within(4 * varSe));
    }

    @Test
    void drawsOncePerStepUnlessTheLastIsDenoised() {
        Grid grid = Grids.uniformTime(VP, 10, 1.0, 1e-3);
        Tensor xT = DATA.sample(grid.level(0), 2, 1);
        NoiseSource a = NoiseSource.seeded(1), b = NoiseSource.seeded(1);
        Sampler.sample(PROVIDER.create(SolverConfig.of(grid, Prediction.DATA)), DATA.denoiser(), xT, a);
        Sampler.sample(PROVIDER.create(SolverConfig.of(grid, Prediction.DATA).withOptions(NOISY_FINAL)), DATA.denoiser(), xT, b);
        assertThat(a.draws()).isEqualTo(9);
        assertThat(b.draws()).isEqualTo(10);
    }

    @Test
    void sameSeedSameSamplesDifferentSeedDifferentSamples() {
        Grid grid = Grids.uniformTime(VP, 20, 1.0, 1e-3);
        Tensor xT = DATA.sample(grid.level(0), 8, 5);
        var solver = PROVIDER.create(SolverConfig.of(grid, Prediction.DATA));
        Tensor a = Sampler.sample(solver, DATA.denoiser(), xT, NoiseSource.seeded(11)).samples();
        Tensor b = Sampler.sample(solver, DATA.denoiser(), xT, NoiseSource.seeded(11)).samples();
        Tensor c = Sampler.sample(solver, DATA.denoiser(), xT, NoiseSource.seeded(12)).samples();
        assertThat(a).isEqualTo(b);
        assertThat(a.maxAbsDistance(c)).isGreaterThan(1e-3);
    }

    @Test
    void refusedOnRectifiedFlowNamingTheSchedule() {
        Grid grid = Grids.uniformTime(RectifiedFlowSchedule.standard(), 10, 0.99, 0.01);
        assertThatThrownBy(() -> PROVIDER.create(SolverConfig.of(grid, Prediction.DATA)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("schedule").hasMessageContaining("RECTIFIED_FLOW").hasMessageContaining("euler-maruyama");
    }

    @Test
    void refusedOnLevelsWithoutDerivatives() {
        Grid grid = Grid.of(VP, List.of(NoiseLevel.of(1, 0.6, 0.8, 1), NoiseLevel.of(0.5, 0.8, 0.6, 0.5)));
        assertThatThrownBy(() -> PROVIDER.create(SolverConfig.of(grid, Prediction.DATA)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("grid").hasMessageContaining("t = 1.0");
    }

    @Test
    void lambdaScalesTheScoreTermAndTheNoise() {
        // as oneStepFollowsTheReverseSdeByHand with λ = 0.5: drift f x − ¾ g² score = −1 − 1.5·0.3125; noise √(0.5·2·0.1) z
        Grid grid = Grid.of(VP, List.of(new NoiseLevel(0.5, 0.6, 0.8, -0.6, 0.45, 0.5), VP.at(0.4)));
        var half = PROVIDER.create(SolverConfig.of(grid, Prediction.DATA).withOptions(NOISY_FINAL.with(EulerMaruyamaProvider.LAMBDA, 0.5)));
        NoiseSource z = NoiseSource.replay(List.of(Tensor.full(0.5, 1, 1)));
        assertThat(Sampler.sample(half, constant(2), Tensor.full(1, 1, 1), z).samples().get(0))
                .isCloseTo(1 + (-1 - 1.5 * 0.3125) * -0.1 + Math.sqrt(0.1) * 0.5, within(1e-14));
        // λ = 0: the probability-flow ODE, no draw
        var flow = PROVIDER.create(SolverConfig.of(grid, Prediction.DATA).withOptions(NOISY_FINAL.with(EulerMaruyamaProvider.LAMBDA, 0.0)));
        NoiseSource none = NoiseSource.replay(List.of());
        assertThat(Sampler.sample(flow, constant(2), Tensor.full(1, 1, 1), none).samples().get(0))
                .isCloseTo(1 + (-1 - 0.5 * 2 * 0.3125) * -0.1, within(1e-14));
    }

    @Test
    void subVpScheduleHasTheDiffusionOfEquationEleven() {
        SubVpSchedule sub = SubVpSchedule.standard();
        for (double t : new double[] {0.05, 0.3, 0.9}) {
            double b = sub.integratedBeta(t);
            // α = e^{−B/2}, σ = 1 − e^{−B}; Song et al. 2021 Eq. (11): f = −β/2, g² = β(1 − e^{−2B})
            assertThat(sub.alpha(t)).isCloseTo(Math.exp(-b / 2), within(1e-15));
            assertThat(sub.sigma(t)).isCloseTo(1 - Math.exp(-b), within(1e-15));
            ReverseSde sde = ReverseSde.at(sub.at(t));
            assertThat(sde.f()).isCloseTo(-sub.beta(t) / 2, within(1e-12));
            assertThat(sde.g2()).isCloseTo(sub.beta(t) * (1 - Math.exp(-2 * b)), within(1e-12));
            assertThat(sub.tOfLambda(sub.lambda(t))).isCloseTo(t, within(1e-12));
        }
    }

    @Test
    void subVpSamplesHaveTheDataMoments() {
        SubVpSchedule sub = SubVpSchedule.standard();
        Grid grid = Grids.uniformTime(sub, 400, 1.0, 1e-3);
        Tensor xT = DATA.sample(grid.level(0), ROWS, 7);
        Tensor out = Sampler.sample(PROVIDER.create(SolverConfig.of(grid, Prediction.DATA)), DATA.denoiser(), xT, NoiseSource.seeded(8)).samples();
        double[] m = GaussianData.means(out);
        NoiseLevel end = grid.level(400);
        double exactVar = DATA.variance(end);
        for (int j = 0; j < 2; j++) assertThat(m[j]).isCloseTo(end.alpha() * DATA.mu[j], within(0.02));
        assertThat(GaussianData.pooledVariance(out)).isCloseTo(exactVar, within(0.02 * exactVar + 4 * exactVar * Math.sqrt(2.0 / ROWS)));
    }
}
