package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SamplingResult;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.junit.jupiter.api.Test;

/**
 * Single steps of the σ-space solvers worked out by hand for data N(0, 1): in y = x/α, s = σ/α the denoiser is
 * x̂₀ = y/(1 + s²), so dy/ds = (y − x̂₀)/s = y s/(1 + s²) (exact solution y ∝ √(1 + s²)).
 */
class ClassicSolversByHandTest {
    static final GaussianData STANDARD = new GaussianData(new double[] {0}, 1);
    static final VpLinearSchedule VP = VpLinearSchedule.standard();

    /** Levels at VE noise levels s (0 = clean data). */
    static Grid sigmas(double... s) {
        List<NoiseLevel> levels = new ArrayList<>();
        for (double v : s) levels.add(v == 0 ? NoiseLevel.clean(VP.tMin(), 0) : PfOdeVariables.atSigmaVe(VP, v));
        return Grid.of(VP, levels);
    }

    /** Runs from y = 1 at the first level; returns y at the last. */
    static double run(SolverProvider p, Grid grid, SolverOptions options) {
        return result(p, grid, options).samples().get(0) / grid.to(grid.steps() - 1).alpha();
    }

    static SamplingResult result(SolverProvider p, Grid grid, SolverOptions options) {
        var solver = p.create(SolverConfig.of(grid, Prediction.EPSILON).withOptions(options));
        Tensor x = Tensor.full(grid.from(0).alpha(), 1, 1); // y = 1
        return Sampler.sample(solver, STANDARD.denoiser(Prediction.EPSILON), x, DdimTest.forbidden());
    }

    @Test
    void heunIsTheTrapezoidalRule() {
        // s 2 → 1: d = 2/5; predictor y = 0.6, d' = 0.6·1/2 = 0.3; y' = 1 − (0.4 + 0.3)/2 = 0.65
        assertThat(run(new HeunProvider(), sigmas(2, 1), SolverOptions.NONE)).isCloseTo(0.65, within(1e-14));
    }

    @Test
    void midpointEvaluatesHalfwayInS() {
        // y(1.5) = 1 − 0.5·0.4 = 0.8, d = 0.8·1.5/3.25 = 24/65; y' = 1 − 24/65 = 41/65
        assertThat(run(new MidpointProvider(), sigmas(2, 1), SolverOptions.NONE)).isCloseTo(41.0 / 65, within(1e-14));
    }

    @Test
    void dpm2EvaluatesAtTheGeometricMidpoint() {
        // s_mid = √2: y_mid = 1 + (√2 − 2)·0.4, d_mid = y_mid √2/3; y' = 1 − d_mid
        double yMid = 1 + (Math.sqrt(2) - 2) * 0.4;
        assertThat(run(new Dpm2Provider(), sigmas(2, 1), SolverOptions.NONE)).isCloseTo(1 - yMid * Math.sqrt(2) / 3, within(1e-14));
    }

    @Test
    void rk4CombinesFourSlopes() {
        double d1 = 0.4, d2 = 24.0 / 65, d3 = (1 - 0.5 * d2) * 1.5 / 3.25, d4 = (1 - d3) * 1 / 2;
        double expected = 1 - (d1 + 2 * d2 + 2 * d3 + d4) / 6;
        assertThat(run(new RungeKutta4Provider(), sigmas(2, 1), SolverOptions.NONE)).isCloseTo(expected, within(1e-14));
        assertThat(expected).isCloseTo(Math.sqrt(2.0 / 5), within(1e-3)); // the exact flow, in one step of Δs = −1
    }

    @Test
    void lmsRaisesItsOrderWithTheHistory() {
        // s 3 → 2: Euler, y = 1 − 0.3 = 0.7; 2 → 1 with nodes (2, 3): weights −3/2, 1/2 on d = 0.28, 0.3
        assertThat(run(new LmsProvider(), sigmas(3, 2, 1), SolverOptions.NONE)).isCloseTo(0.7 - 1.5 * 0.28 + 0.5 * 0.3, within(1e-14));
        SamplingResult r = result(new LmsProvider(), sigmas(5, 4, 3, 2, 1, 0.5), SolverOptions.NONE);
        assertThat(r.trace().stream().mapToInt(e -> e.order()).toArray()).containsExactly(1, 2, 3, 4, 4);
        assertThat(result(new LmsProvider(), sigmas(5, 4, 3, 2, 1, 0.5), SolverOptions.NONE.with(LmsProvider.ORDER, 2))
                .trace().stream().mapToInt(e -> e.order()).toArray()).containsExactly(1, 2, 2, 2, 2);
    }

    @Test
    void ipndmUsesEqualStepWeights() {
        // s 2 → 1: Euler y = 0.6; 1 → 0.5: ε = 0.6·1/2 = 0.3, y = 0.6 − 0.5·(1.5·0.3 − 0.5·0.4) = 0.475
        assertThat(run(new IpndmProvider(), sigmas(2, 1, 0.5), SolverOptions.NONE)).isCloseTo(0.475, within(1e-14));
    }

    @Test
    void plmsStartsWithThePseudoImprovedEulerStep() {
        // first step as Heun (0.65), keeping ε at s = 2 (0.4); then AB2 on (0.4, ε(0.65, 1) = 0.325) to s = 0.5
        SamplingResult r = result(new PlmsProvider(), sigmas(2, 1, 0.5), SolverOptions.NONE);
        assertThat(r.samples().get(0) / PfOdeVariables.atSigmaVe(VP, 0.5).alpha()).isCloseTo(0.65 - 0.5 * (1.5 * 0.325 - 0.5 * 0.4), within(1e-14));
        assertThat(r.modelCalls()).isEqualTo(3);
        assertThat(r.trace().stream().mapToInt(e -> e.order()).toArray()).containsExactly(2, 2);
    }

    @Test
    void aStepToCleanDataIsEulersAndReturnsTheDenoisedEstimate() {
        // from s = 1 with y = 1: x̂₀ = 1/2, reached with a single call by every σ-space solver
        for (SolverProvider p : List.of(new HeunProvider(), new MidpointProvider(), new RungeKutta4Provider(), new Dpm2Provider(),
                new PndmProvider(), new PlmsProvider())) {
            SamplingResult r = result(p, sigmas(1, 0), SolverOptions.NONE);
            assertThat(r.samples().get(0)).as(p.name()).isCloseTo(0.5, within(1e-15));
            assertThat(r.modelCalls()).as(p.name()).isEqualTo(1);
            assertThat(r.trace().get(0).order()).as(p.name()).isEqualTo(1);
        }
    }

    @Test
    void heunClipsTheDenoisedEstimate() {
        // x̂₀ = 5 clamped to 1: both slopes (y − 1)/s with y = 3 at s = 2: 1, then y_p = 2, (2 − 1)/1 = 1; y' = 2
        Denoiser five = new Denoiser() {
            @Override public Prediction target() { return Prediction.DATA; }

            @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning c) { return Tensor.full(5, x.shape()); }
        };
        Grid grid = sigmas(2, 1);
        var solver = new HeunProvider().create(SolverConfig.of(grid, Prediction.DATA)
                .withOptions(SolverOptions.NONE.with(HeunProvider.CLIP_SAMPLE, true)));
        Tensor out = Sampler.sample(solver, five, Tensor.full(3 * grid.from(0).alpha(), 1, 1), DdimTest.forbidden()).samples();
        assertThat(out.get(0) / grid.to(0).alpha()).isCloseTo(2, within(1e-14));
    }

    @Test
    void oneStepMethodsDeclareTheirCalls() {
        Grid grid = sigmas(4, 2, 1, 0);
        assertThat(new HeunProvider().create(SolverConfig.of(grid, Prediction.EPSILON)).totalModelCalls()).isEqualTo(5);
        assertThat(new Dpm2Provider().create(SolverConfig.of(grid, Prediction.EPSILON)).totalModelCalls()).isEqualTo(5);
        assertThat(new MidpointProvider().create(SolverConfig.of(grid, Prediction.EPSILON)).totalModelCalls()).isEqualTo(5);
        assertThat(new RungeKutta4Provider().create(SolverConfig.of(grid, Prediction.EPSILON)).totalModelCalls()).isEqualTo(9);
        assertThat(new LmsProvider().create(SolverConfig.of(grid, Prediction.EPSILON)).totalModelCalls()).isEqualTo(3);
    }
}
