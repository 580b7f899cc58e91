package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SamplingResult;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.Betas;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.junit.jupiter.api.Test;

class DdimTest {
    static final DiscreteVpSchedule SD = DiscreteVpSchedule.fromBetas(Betas.scaledLinear(0.00085, 0.012, 1000));

    /** A denoiser that predicts a constant x̂₀ (the same value in every position). */
    static Denoiser constant(double x0) {
        return new Denoiser() {
            @Override public Prediction target() { return Prediction.DATA; }

            @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning c) { return Tensor.full(x0, x.shape()); }
        };
    }

    /** A noise source that fails the test if a deterministic solver draws from it. */
    static NoiseSource forbidden() {
        return new NoiseSource() {
            @Override public Tensor gaussian(int... shape) { throw new AssertionError("a deterministic solver drew noise"); }

            @Override public long draws() { return 0; }
        };
    }

    @Test
    void oneStepIsEquationTwelveByHand() {
        // α, σ = 0.6, 0.8 → 0.8, 0.6; x = 1, x̂₀ = 2: ε̂ = (1 − 1.2)/0.8 = −0.25, x' = 0.8·2 + 0.6·(−0.25) = 1.45
        Grid grid = Grid.of(VpLinearSchedule.standard(), List.of(NoiseLevel.of(0.5, 0.6, 0.8, 0.5), NoiseLevel.of(0.3, 0.8, 0.6, 0.3)));
        var solver = new DdimProvider().create(SolverConfig.of(grid, Prediction.DATA));
        SamplingResult r = Sampler.sample(solver, constant(2), Tensor.full(1, 1, 1), forbidden());
        assertThat(r.samples().get(0)).isCloseTo(1.45, within(1e-15));
        assertThat(r.trace().get(0).order()).isEqualTo(1);
        assertThat(solver.totalModelCalls()).isEqualTo(1);
    }

    @Test
    void landsOnRecordedLandingLevels() {
        // diffusers' DDIM: evaluate at 0.6/0.8, land at α, σ = 0.96, 0.28 although the next level differs
        Grid base = Grid.of(VpLinearSchedule.standard(),
                List.of(NoiseLevel.of(0.5, 0.6, 0.8, 0.5), NoiseLevel.of(0.3, 0.8, 0.6, 0.3)));
        Grid grid = base.withLandings(List.of(NoiseLevel.of(0.1, 0.96, 0.28, 0.1)));
        var solver = new DdimProvider().create(SolverConfig.of(grid, Prediction.DATA));
        // ε̂ = −0.25: x' = 0.96·2 + 0.28·(−0.25) = 1.85
        assertThat(Sampler.sample(solver, constant(2), Tensor.full(1, 1, 1), forbidden()).samples().get(0))
                .isCloseTo(1.85, within(1e-15));
    }

    @Test
    void epsilonAndDataDenoisersGiveTheSameSamples() {
        GaussianData data = new GaussianData(new double[] {0.5, -1}, 0.7);
        Grid grid = Grids.uniformLambda(SD, 12, 1.0, 0.001);
        Tensor xT = data.sample(grid.level(0), 5, 9);
        var solverData = new DdimProvider().create(SolverConfig.of(grid, Prediction.DATA));
        var solverEps = new DdimProvider().create(SolverConfig.of(grid, Prediction.EPSILON));
        Tensor a = Sampler.sample(solverData, data.denoiser(Prediction.DATA), xT, forbidden()).samples();
        Tensor b = Sampler.sample(solverEps, data.denoiser(Prediction.EPSILON), xT, forbidden()).samples();
        assertThat(a.maxAbsDistance(b)).isLessThan(1e-12);
    }

    @Test
    void rowsAreIndependentOfTheBatch() {
        GaussianData data = new GaussianData(new double[] {0.5, -1}, 0.7);
        Grid grid = Grids.uniformLambda(SD, 8, 1.0, 0.001);
        Tensor xT = data.sample(grid.level(0), 4, 2);
        var solver = new DdimProvider().create(SolverConfig.of(grid, Prediction.DATA));
        Tensor all = Sampler.sample(solver, data.denoiser(Prediction.DATA), xT, forbidden()).samples();
        Tensor one = Sampler.sample(solver, data.denoiser(Prediction.DATA), xT.row(2), forbidden()).samples();
        assertThat(one).isEqualTo(all.row(2));
    }
}
