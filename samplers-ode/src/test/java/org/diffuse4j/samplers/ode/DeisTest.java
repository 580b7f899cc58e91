package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SamplingResult;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.StepEvent;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.RectifiedFlowSchedule;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.junit.jupiter.api.Test;

class DeisTest {
    private static final DeisProvider PROVIDER = new DeisProvider();
    private static final GaussianData DATA = new GaussianData(new double[] {1.0, -0.5, 0.25, 2.0}, 0.5);

    private static SamplingResult run(Grid grid, Prediction target, Tensor x, SolverOptions o) {
        var solver = PROVIDER.create(new SolverConfig(grid, target, o));
        return Sampler.sample(solver, DATA.denoiser(target), x, DdimTest.forbidden());
    }

    private static int[] orders(SamplingResult r) { return r.trace().stream().mapToInt(StepEvent::order).toArray(); }

    @Test
    void orderOneIsDdim() {
        Grid grid = Grids.uniformLambda(DdimTest.SD, 9, 1.0, 0.001);
        Tensor xT = DATA.sample(grid.level(0), 3, 1);
        Tensor ddim = Sampler.sample(new DdimProvider().create(SolverConfig.of(grid, Prediction.DATA)), DATA.denoiser(Prediction.DATA), xT,
                DdimTest.forbidden()).samples();
        Tensor deis = run(grid, Prediction.EPSILON, xT, SolverOptions.NONE.with(DeisProvider.SOLVER_ORDER, 1)).samples();
        assertThat(deis.maxAbsDistance(ddim)).isLessThan(1e-12);
    }

    @Test
    void secondStepIntegratesTheLinearInterpolantInLogRhoByHand() {
        // ρ = σ/α: 4/3 → 3/4 → 7/24; ε̂ = 1 then 2 (a denoiser predicting ε): x/α advances by ∫ ε̂(log ρ) dρ
        List<NoiseLevel> levels = List.of(NoiseLevel.of(0.5, 0.6, 0.8, 0.5), NoiseLevel.of(0.3, 0.8, 0.6, 0.3),
                NoiseLevel.of(0.1, 0.96, 0.28, 0.1));
        Grid grid = Grid.of(VpLinearSchedule.standard(), levels);
        org.diffuse4j.api.Denoiser eps = new org.diffuse4j.api.Denoiser() {
            @Override public Prediction target() { return Prediction.EPSILON; }

            @Override public Tensor predict(Tensor x, NoiseLevel level, org.diffuse4j.api.Conditioning c) {
                return Tensor.full(level.t() == 0.5 ? 1 : 2, x.shape());
            }
        };
        double r0 = 4.0 / 3, r1 = 0.75, r2 = 7.0 / 24;
        double y1 = 1 / 0.6 + (r1 - r0) * 1;                                         // first order: Δρ·ε̂
        // ε̂(u) = 2 + (u − u₁)/(u₀ − u₁)·(1 − 2), u = log ρ; ∫ (u − u₁) dρ = ρ(log ρ − 1 − u₁)
        double u0 = Math.log(r0), u1 = Math.log(r1);
        double linear = (r2 * (Math.log(r2) - 1 - u1) - r1 * (Math.log(r1) - 1 - u1)) / (u0 - u1);
        double y2 = y1 + 2 * (r2 - r1) + (1 - 2) * linear;
        Tensor out = Sampler.sample(PROVIDER.create(SolverConfig.of(grid, Prediction.EPSILON)
                .withOptions(SolverOptions.NONE.with(DeisProvider.LOWER_ORDER_FINAL, false))), eps, Tensor.full(1, 1, 1), DdimTest.forbidden()).samples();
        assertThat(out.get(0)).isCloseTo(0.96 * y2, within(1e-14));
    }

    @Test
    void lowerOrderFinalAppliesBelowFifteenSteps() {
        Tensor x = Tensor.full(0.3, 1, 4);
        SolverOptions third = SolverOptions.NONE.with(DeisProvider.SOLVER_ORDER, 3);
        assertThat(orders(run(Grids.uniformLambda(DdimTest.SD, 8, 1.0, 0.001), Prediction.EPSILON, x, third)))
                .containsExactly(1, 2, 3, 3, 3, 3, 2, 1);
        int[] fifteen = orders(run(Grids.uniformLambda(DdimTest.SD, 15, 1.0, 0.001), Prediction.EPSILON, x, third));
        assertThat(fifteen[13]).isEqualTo(3);
        assertThat(fifteen[14]).isEqualTo(3);
        assertThat(orders(run(Grids.uniformLambda(DdimTest.SD, 8, 1.0, 0.001), Prediction.EPSILON, x,
                third.with(DeisProvider.LOWER_ORDER_FINAL, false)))).containsExactly(1, 2, 3, 3, 3, 3, 3, 3);
    }

    @Test
    void everyOrderLandsOnCleanData() {
        Grid grid = Grids.karras(DdimTest.SD, 6, DdimTest.SD.sigmaVe(0), DdimTest.SD.sigmaVe(999), 7);
        for (int p = 1; p <= 3; p++) {
            Tensor out = Sampler.sample(PROVIDER.create(SolverConfig.of(grid, Prediction.DATA).withOptions(SolverOptions.NONE
                            .with(DeisProvider.SOLVER_ORDER, p).with(DeisProvider.LOWER_ORDER_FINAL, false))),
                    DdimTest.constant(0.7), Tensor.full(0.2, 2, 3), DdimTest.forbidden()).samples();
            assertThat(out.maxAbsDistance(Tensor.full(0.7, 2, 3))).as("order " + p).isLessThan(1e-12);
        }
    }

    @Test
    void aRepeatedLastLevelIsAZeroLengthStep() {
        Grid base = Grids.uniformLambda(DdimTest.SD, 5, 1.0, 0.001);
        List<NoiseLevel> levels = new ArrayList<>(base.levels());
        levels.add(base.level(5));
        Tensor xT = DATA.sample(base.level(0), 2, 8);
        SolverOptions o = SolverOptions.NONE.with(DeisProvider.SOLVER_ORDER, 3).with(DeisProvider.LOWER_ORDER_FINAL, false);
        Tensor five = run(base, Prediction.EPSILON, xT, o).samples();
        Tensor six = run(Grid.of(DdimTest.SD, levels), Prediction.EPSILON, xT, o).samples();
        assertThat(six.maxAbsDistance(five)).isLessThan(1e-15);
    }

    @Test
    void thirdOrderConvergesAtLeastAtThirdOrder() {
        // pre-asymptotic on 32 … 128 steps (observed ≈ 4.2), third order from a few hundred steps on
        assertThat(UniPcTest.observedOrder(PROVIDER, SolverOptions.NONE.with(DeisProvider.SOLVER_ORDER, 3))).isGreaterThan(2.7);
        assertThat(UniPcTest.observedOrder(PROVIDER, SolverOptions.NONE)).isCloseTo(2, within(0.15));
    }

    @Test
    void refusesAStartWhereRhoIsInfinite() {
        Grid rf = Grids.uniformTime(RectifiedFlowSchedule.standard(), 5);
        assertThatThrownBy(() -> PROVIDER.create(SolverConfig.of(rf, Prediction.VELOCITY)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("RECTIFIED_FLOW");
    }
}
