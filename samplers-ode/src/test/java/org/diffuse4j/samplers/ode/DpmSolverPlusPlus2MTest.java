package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Denoiser;
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
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.diffuse4j.samplers.ode.DpmSolverPlusPlus2M.SolverType;
import org.junit.jupiter.api.Test;

class DpmSolverPlusPlus2MTest {
    private static final DpmSolverPlusPlus2MProvider PROVIDER = new DpmSolverPlusPlus2MProvider();
    private static final GaussianData DATA = new GaussianData(new double[] {1.0, -0.5, 0.25, 2.0}, 0.5);

    private static Grid lambdaGrid(int steps) { return Grids.uniformLambda(DdimTest.SD, steps, 1.0, 0.001); }

    private static Grid cleanGrid(int steps) { return Grids.karras(DdimTest.SD, steps, DdimTest.SD.sigmaVe(0), DdimTest.SD.sigmaVe(999), 7); }

    private static SamplingResult run(Grid grid, SolverOptions options) {
        var solver = PROVIDER.create(SolverConfig.of(grid, Prediction.DATA).withOptions(options));
        Tensor xT = DATA.sample(grid.level(0), 3, 42);
        return Sampler.sample(solver, DATA.denoiser(Prediction.DATA), xT, DdimTest.forbidden());
    }

    private static int[] orders(SamplingResult r) { return r.trace().stream().mapToInt(StepEvent::order).toArray(); }

    private static int[] expectedOrders(int steps, int... lastOrders) {
        int[] o = new int[steps];
        Arrays.fill(o, 2);
        o[0] = 1;
        System.arraycopy(lastOrders, 0, o, steps - lastOrders.length, lastOrders.length);
        return o;
    }

    @Test
    void solverOrderOneReproducesDdim() {
        for (Grid grid : List.of(lambdaGrid(15), cleanGrid(11))) {
            Tensor xT = DATA.sample(grid.level(0), 3, 7);
            Tensor dpm = Sampler.sample(PROVIDER.create(SolverConfig.of(grid, Prediction.DATA)
                            .withOptions(SolverOptions.NONE.with(DpmSolverPlusPlus2MProvider.SOLVER_ORDER, 1))),
                    DATA.denoiser(Prediction.DATA), xT, DdimTest.forbidden()).samples();
            Tensor ddim = Sampler.sample(new DdimProvider().create(SolverConfig.of(grid, Prediction.DATA)),
                    DATA.denoiser(Prediction.DATA), xT, DdimTest.forbidden()).samples();
            assertThat(dpm.maxAbsDistance(ddim)).isLessThan(1e-12);
        }
    }

    @Test
    void secondStepFollowsAlgorithmTwoAndTheTaylorFormByHand() {
        // levels α, σ = (0.6, 0.8) → (0.8, 0.6) → (0.96, 0.28); x̂₀ = 2 at the first call, 3 at the second; x_T = 1
        List<NoiseLevel> levels = List.of(NoiseLevel.of(0.5, 0.6, 0.8, 0.5), NoiseLevel.of(0.3, 0.8, 0.6, 0.3),
                NoiseLevel.of(0.1, 0.96, 0.28, 0.1));
        Grid grid = Grid.of(VpLinearSchedule.standard(), levels);
        Denoiser twoThenThree = new Denoiser() {
            @Override public Prediction target() { return Prediction.DATA; }

            @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning c) {
                return Tensor.full(level.t() == 0.5 ? 2 : 3, x.shape());
            }
        };
        double h0 = Math.log(16.0 / 9), h1 = Math.log(18.0 / 7), r = h0 / h1; // λ = log(3/4), log(4/3), log(24/7)
        double x1 = 0.75 * 1 + 0.8 * (1 - 9.0 / 16) * 2;                      // DDIM step: 1.45
        double midpointD = (1 + 1 / (2 * r)) * 3 - 1 / (2 * r) * 2;
        double midpoint = 0.28 / 0.6 * x1 + 0.96 * (1 - 7.0 / 18) * midpointD;
        double phi = 7.0 / 18 - 1;                                            // e^{−h1} − 1
        double heun = 0.28 / 0.6 * x1 - 0.96 * phi * 3 + 0.96 * (phi / h1 + 1) * (3 - 2) / r;
        SolverOptions second = SolverOptions.NONE.with(DpmSolverPlusPlus2MProvider.LOWER_ORDER_FINAL, false);
        for (var c : List.of(new Object[] {SolverType.MIDPOINT, midpoint}, new Object[] {SolverType.HEUN, heun})) {
            var solver = PROVIDER.create(SolverConfig.of(grid, Prediction.DATA)
                    .withOptions(second.with(DpmSolverPlusPlus2MProvider.SOLVER_TYPE, (SolverType) c[0])));
            SamplingResult result = Sampler.sample(solver, twoThenThree, Tensor.full(1, 1, 1), DdimTest.forbidden());
            assertThat(result.samples().get(0)).as("%s", c[0]).isCloseTo((double) c[1], within(1e-14));
            assertThat(orders(result)).containsExactly(1, 2);
        }
        assertThat(Math.abs(midpoint - heun)).isGreaterThan(1e-3);
    }

    @Test
    void heunAndMidpointDifferButBothConverge() {
        SolverOptions heun = SolverOptions.NONE.with(DpmSolverPlusPlus2MProvider.SOLVER_TYPE, SolverType.HEUN);
        Tensor a = run(lambdaGrid(10), SolverOptions.NONE).samples();
        Tensor b = run(lambdaGrid(10), heun).samples();
        assertThat(a.maxAbsDistance(b)).isGreaterThan(1e-4);
        // both orders are fitted in OdeConvergenceTest; here: error shrinks ~4× per halving from 20 to 40 steps
        for (SolverOptions o : List.of(SolverOptions.NONE, heun)) {
            double e20 = error(lambdaGrid(20), o), e40 = error(lambdaGrid(40), o);
            assertThat(e20 / e40).isBetween(3.0, 5.0);
        }
    }

    private static double error(Grid grid, SolverOptions options) {
        Tensor xT = DATA.sample(grid.level(0), 3, 42);
        Tensor out = run(grid, options).samples();
        return out.maxAbsDistance(DATA.flow(xT, grid.level(0), grid.level(grid.steps())));
    }

    @Test
    void lowerOrderFinalUsesFirstOrderAtTheEndOfShortGridsOnly() {
        assertThat(orders(run(lambdaGrid(10), SolverOptions.NONE))).containsExactly(expectedOrders(10, 1));
        assertThat(orders(run(lambdaGrid(20), SolverOptions.NONE))).containsExactly(expectedOrders(20, 2));
        assertThat(orders(run(lambdaGrid(14), SolverOptions.NONE))).containsExactly(expectedOrders(14, 1));
        assertThat(orders(run(lambdaGrid(15), SolverOptions.NONE))).containsExactly(expectedOrders(15, 2));
        SolverOptions off = SolverOptions.NONE.with(DpmSolverPlusPlus2MProvider.LOWER_ORDER_FINAL, false);
        assertThat(orders(run(lambdaGrid(10), off))).containsExactly(expectedOrders(10, 2));
        SolverOptions below5 = SolverOptions.NONE.with(DpmSolverPlusPlus2MProvider.LOWER_ORDER_FINAL_BELOW, 5);
        assertThat(orders(run(lambdaGrid(10), below5))).containsExactly(expectedOrders(10, 2));
        SolverOptions euler = SolverOptions.NONE.with(DpmSolverPlusPlus2MProvider.EULER_AT_FINAL, true);
        assertThat(orders(run(lambdaGrid(20), euler))).containsExactly(expectedOrders(20, 1));
        // landing on clean data (h = ∞) is always first order
        assertThat(orders(run(cleanGrid(20), SolverOptions.NONE))).containsExactly(expectedOrders(20, 1));
        assertThat(orders(run(cleanGrid(20), off))).containsExactly(expectedOrders(20, 1));
        // long grids are unaffected by the option, short ones are not
        assertThat(run(lambdaGrid(20), off).samples()).isEqualTo(run(lambdaGrid(20), SolverOptions.NONE).samples());
        assertThat(run(lambdaGrid(10), off).samples()).isNotEqualTo(run(lambdaGrid(10), SolverOptions.NONE).samples());
    }

    @Test
    void denoiseToZeroTreatsTheStepBeforeTheJumpAsFinal() {
        SolverOptions dtz = SolverOptions.NONE.with(DpmSolverPlusPlus2MProvider.DENOISE_TO_ZERO, true);
        assertThat(orders(run(cleanGrid(10), dtz))).containsExactly(expectedOrders(10, 1, 1));
        assertThat(orders(run(cleanGrid(10), SolverOptions.NONE))).containsExactly(expectedOrders(10, 1));
        assertThat(orders(run(cleanGrid(20), dtz))).containsExactly(expectedOrders(20, 1));
        assertThatThrownBy(() -> PROVIDER.create(SolverConfig.of(lambdaGrid(10), Prediction.DATA).withOptions(dtz)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("denoise_to_zero").hasMessageContaining("σ = 0");
    }

    @Test
    void unknownOrInvalidOptionsAreRefusedByName() {
        SolverConfig base = SolverConfig.of(lambdaGrid(10), Prediction.DATA);
        assertThatThrownBy(() -> PROVIDER.create(base.withOptions(SolverOptions.of(Map.of("solver_ordr", "2")))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'solver_ordr'").hasMessageContaining("dpmpp-2m").hasMessageContaining("solver_order")
                .hasMessageContaining("lower_order_final");
        assertThatThrownBy(() -> PROVIDER.create(base.withOptions(SolverOptions.of(Map.of("solver_order", "3")))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("solver_order").hasMessageContaining("1 … 2");
        assertThatThrownBy(() -> PROVIDER.create(base.withOptions(SolverOptions.of(Map.of("solver_type", "bh2")))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("solver_type").hasMessageContaining("midpoint, heun");
        assertThatThrownBy(() -> PROVIDER.create(base.withOptions(SolverOptions.of(Map.of("order_schedule", "fast")))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'order_schedule'").hasMessageContaining("thresholding");
    }
}
