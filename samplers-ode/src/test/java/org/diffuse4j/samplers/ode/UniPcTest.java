package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SamplingResult;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.StepEvent;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.junit.jupiter.api.Test;

class UniPcTest {
    private static final UniPcProvider PROVIDER = new UniPcProvider();
    private static final GaussianData DATA = new GaussianData(new double[] {1.0, -0.5, 0.25, 2.0}, 0.5);

    // α, σ = (0.6, 0.8) → (0.8, 0.6) → (0.96, 0.28): λ = log(3/4), log(4/3), log(24/7)
    private static final List<NoiseLevel> LEVELS = List.of(NoiseLevel.of(0.5, 0.6, 0.8, 0.5), NoiseLevel.of(0.3, 0.8, 0.6, 0.3),
            NoiseLevel.of(0.1, 0.96, 0.28, 0.1));
    private static final Grid TWO_STEPS = Grid.of(VpLinearSchedule.standard(), LEVELS);

    /** x̂₀ = 2 at the first level and 3 elsewhere, whatever x. */
    private static final Denoiser TWO_THEN_THREE = new Denoiser() {
        @Override public Prediction target() { return Prediction.DATA; }

        @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning c) { return Tensor.full(level.t() == 0.5 ? 2 : 3, x.shape()); }
    };

    static SolverOptions options(String... pairs) { return SolverOptions.parse(List.of(pairs)); }

    private static SamplingResult run(SolverProvider provider, Grid grid, Denoiser denoiser, Tensor x, SolverOptions o) {
        Solver<?> solver = provider.create(new SolverConfig(grid, denoiser.target(), o));
        return Sampler.sample(solver, denoiser, x, DdimTest.forbidden());
    }

    private static int[] orders(SamplingResult r) { return r.trace().stream().mapToInt(StepEvent::order).toArray(); }

    @Test
    void uniCOneCorrectsTheFirstStepByHand() {
        double h0 = Math.log(16.0 / 9), h1 = Math.log(18.0 / 7);
        double predicted = 0.75 + 0.8 * (7.0 / 16) * 2;                     // DDIM to level 1: 1.45
        for (UniPcVariant v : java.util.List.of(UniPcVariant.BH1, UniPcVariant.BH2)) {
            // UniC-1: x₁ᶜ = x₁ − α₁ B(−h₀)·½·(x̂₀(x₁) − x̂₀(x₀)) on the DDIM part
            double corrected = predicted - 0.8 * v.of(-h0) * 0.5 * (3 - 2);
            double last = 0.28 / 0.6 * corrected + 0.96 * (11.0 / 18) * 3;  // first-order last step from the corrected x₁
            SamplingResult r = run(PROVIDER, TWO_STEPS, TWO_THEN_THREE, Tensor.full(1, 1, 1),
                    options("solver_order=1", "variant=" + v.name().toLowerCase()));
            assertThat(r.samples().get(0)).as(v.name()).isCloseTo(last, within(1e-14));
        }
        assertThat(UniPcVariant.BH2.of(-h0)).isCloseTo(-7.0 / 16, within(1e-15));
        assertThat(UniPcVariant.BH1.of(-h1)).isEqualTo(-h1);
    }

    @Test
    void uniPTwoExtrapolatesWithRhoOneHalfByHand() {
        double h0 = Math.log(16.0 / 9), h1 = Math.log(18.0 / 7);
        double x1 = 0.75 + 0.8 * (7.0 / 16) * 2;
        double r1 = -h0 / h1;                                                 // (λ₀ − λ₁)/h₁
        double d1 = (2 - 3) / r1;                                             // (x̂₀ at level 0 − at level 1)/r₁
        double ddimPart = 0.28 / 0.6 * x1 + 0.96 * (11.0 / 18) * 3;
        double bh2 = ddimPart - 0.96 * (-11.0 / 18) * 0.5 * d1;              // − α₂ B(−h₁) ρ D₁, B = e^{−h₁} − 1
        double bh1 = ddimPart - 0.96 * (-h1) * 0.5 * d1;
        SolverOptions o = options("solver_order=2", "corrector=false", "lower_order_final=false");
        assertThat(run(PROVIDER, TWO_STEPS, TWO_THEN_THREE, Tensor.full(1, 1, 1), o.with("variant", "bh2")).samples().get(0))
                .isCloseTo(bh2, within(1e-14));
        assertThat(run(PROVIDER, TWO_STEPS, TWO_THEN_THREE, Tensor.full(1, 1, 1), o.with("variant", "bh1")).samples().get(0))
                .isCloseTo(bh1, within(1e-14));
    }

    @Test
    void predictorAloneAtOrderOneIsDdimInBothParameterisations() {
        Grid grid = Grids.uniformLambda(DdimTest.SD, 12, 1.0, 0.001);
        Tensor xT = DATA.sample(grid.level(0), 3, 5);
        Tensor ddim = run(new DdimProvider(), grid, DATA.denoiser(Prediction.DATA), xT, SolverOptions.NONE).samples();
        for (String x0 : List.of("true", "false")) {
            Tensor uni = run(PROVIDER, grid, DATA.denoiser(Prediction.EPSILON), xT,
                    options("solver_order=1", "corrector=false", "predict_x0=" + x0)).samples();
            assertThat(uni.maxAbsDistance(ddim)).as("predict_x0=" + x0).isLessThan(1e-12);
        }
    }

    @Test
    void ordersWarmUpAndLowerTheFinalStepsOnShortGrids() {
        Tensor x = Tensor.full(0.3, 1, 4);
        Grid ten = Grids.uniformLambda(DdimTest.SD, 10, 1.0, 0.001), twenty = Grids.uniformLambda(DdimTest.SD, 20, 1.0, 0.001);
        assertThat(orders(run(PROVIDER, ten, DATA.denoiser(Prediction.EPSILON), x, SolverOptions.NONE)))
                .containsExactly(1, 2, 3, 3, 3, 3, 3, 3, 2, 1);
        int[] full = orders(run(PROVIDER, twenty, DATA.denoiser(Prediction.EPSILON), x, SolverOptions.NONE));
        assertThat(full[0]).isEqualTo(1);
        assertThat(full[1]).isEqualTo(2);
        assertThat(full[19]).isEqualTo(3);
        int[] always = orders(run(PROVIDER, twenty, DATA.denoiser(Prediction.EPSILON), x, options("lower_order_final_below=2147483647")));
        assertThat(always[18]).isEqualTo(2);
        assertThat(always[19]).isEqualTo(1);
        assertThat(orders(run(PROVIDER, ten, DATA.denoiser(Prediction.EPSILON), x, options("lower_order_final=false"))))
                .containsExactly(1, 2, 3, 3, 3, 3, 3, 3, 3, 3);
    }

    @Test
    void aStepToCleanDataIsFirstOrderAndLandsOnTheDenoisedEstimate() {
        Grid grid = Grids.karras(DdimTest.SD, 6, DdimTest.SD.sigmaVe(0), DdimTest.SD.sigmaVe(999), 7);
        for (String v : List.of("bh1", "bh2")) {
            for (String x0 : List.of("true", "false")) {
                SamplingResult r = run(PROVIDER, grid, DdimTest.constant(0.7), Tensor.full(0.2, 2, 3),
                        options("variant=" + v, "predict_x0=" + x0, "lower_order_final=false"));
                assertThat(orders(r)[5]).isEqualTo(1);
                assertThat(r.samples().maxAbsDistance(Tensor.full(0.7, 2, 3))).as(v + " predict_x0=" + x0).isLessThan(1e-12);
            }
        }
    }

    @Test
    void finalCorrectorCostsOneMoreCallAtTheLastLevel() {
        Grid grid = Grids.uniformLambda(DdimTest.SD, 6, 1.0, 0.001);
        Solver<?> solver = PROVIDER.create(SolverConfig.of(grid, Prediction.EPSILON).withOptions(options("final_corrector=true")));
        assertThat(solver.modelCalls(4)).isEqualTo(1);
        assertThat(solver.modelCalls(5)).isEqualTo(2);
        assertThat(solver.totalModelCalls()).isEqualTo(7);
        List<NoiseLevel> seen = new ArrayList<>();
        Denoiser recording = new Denoiser() {
            final Denoiser inner = DATA.denoiser(Prediction.EPSILON);

            @Override public Prediction target() { return inner.target(); }

            @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning c) {
                seen.add(level);
                return inner.predict(x, level, c);
            }
        };
        Tensor xT = DATA.sample(grid.level(0), 2, 3);
        Tensor corrected = Sampler.sample(solver, recording, xT, DdimTest.forbidden()).samples();
        assertThat(seen.get(6)).isEqualTo(grid.level(6));
        Tensor plain = run(PROVIDER, grid, DATA.denoiser(Prediction.EPSILON), xT, SolverOptions.NONE).samples();
        Tensor exact = DATA.flow(xT, grid.level(0), grid.level(6));
        assertThat(corrected.maxAbsDistance(plain)).isGreaterThan(0);
        assertThat(corrected.maxAbsDistance(exact)).isLessThan(plain.maxAbsDistance(exact));
    }

    @Test
    void denoiseToZeroEndsWithTheDenoisedEstimateAtTheLastLevel() {
        Grid base = Grids.uniformLambda(DdimTest.SD, 5, 1.0, 0.001);
        List<NoiseLevel> levels = new ArrayList<>(base.levels());
        levels.add(NoiseLevel.clean(0, DdimTest.SD.modelTime(0)));
        Grid grid = Grid.of(DdimTest.SD, levels);
        Tensor xT = DATA.sample(grid.level(0), 2, 9);
        Tensor before = run(PROVIDER, base, DATA.denoiser(Prediction.EPSILON), xT, SolverOptions.NONE).samples();
        Tensor after = run(PROVIDER, grid, DATA.denoiser(Prediction.EPSILON), xT, options("denoise_to_zero=true")).samples();
        Tensor x0 = DATA.denoiser(Prediction.DATA).predict(before, base.level(5), Conditioning.NONE);
        assertThat(after.maxAbsDistance(x0)).isLessThan(1e-14);
    }

    @Test
    void disablingEveryCorrectorIsTheBarePredictor() {
        Grid grid = Grids.uniformLambda(DdimTest.SD, 8, 1.0, 0.001);
        Tensor xT = DATA.sample(grid.level(0), 2, 4);
        Tensor off = run(PROVIDER, grid, DATA.denoiser(Prediction.EPSILON), xT, options("corrector=false")).samples();
        Tensor masked = run(PROVIDER, grid, DATA.denoiser(Prediction.EPSILON), xT, options("disable_corrector_mask=255")).samples();
        Tensor firstOnly = run(PROVIDER, grid, DATA.denoiser(Prediction.EPSILON), xT, options("disable_corrector_mask=1")).samples();
        Tensor on = run(PROVIDER, grid, DATA.denoiser(Prediction.EPSILON), xT, SolverOptions.NONE).samples();
        assertThat(masked).isEqualTo(off);
        assertThat(firstOnly.maxAbsDistance(on)).isGreaterThan(0);
        assertThat(firstOnly.maxAbsDistance(off)).isGreaterThan(0);
    }

    @Test
    void aZeroLengthFinalStepLeavesTheSampleUnchanged() {
        Grid base = Grids.uniformLambda(DdimTest.SD, 4, 1.0, 0.001);
        List<NoiseLevel> levels = new ArrayList<>(base.levels());
        levels.add(base.level(4));
        Grid grid = Grid.of(DdimTest.SD, levels);
        Tensor xT = DATA.sample(grid.level(0), 2, 8);
        Tensor four = run(PROVIDER, base, DATA.denoiser(Prediction.EPSILON), xT, options("lower_order_final=false", "corrector=false")).samples();
        Tensor five = run(PROVIDER, grid, DATA.denoiser(Prediction.EPSILON), xT, options("lower_order_final=false", "corrector=false")).samples();
        assertThat(five).isEqualTo(four);
    }

    @Test
    void thresholdingClampsTheDenoisedEstimate() {
        Grid grid = Grid.of(DdimTest.SD, List.of(DdimTest.SD.timestep(999), NoiseLevel.clean(0, 0)));
        Tensor out = run(PROVIDER, grid, DdimTest.constant(5), Tensor.full(0.1, 1, 4), options("thresholding=true")).samples();
        assertThat(out.maxAbsDistance(Tensor.full(1, 1, 4))).isLessThan(1e-15); // s = clamp(quantile, 1, 1) = 1
    }

    @Test
    void thirdOrderPredictorAloneConvergesAtLeastAtThirdOrder() {
        assertThat(observedOrder(PROVIDER, options("corrector=false", "lower_order_final=false"))).isGreaterThan(2.7);
    }

    /** −slope of log error against log steps on 32, 64, 128 uniform-λ steps of continuous VP, Gaussian data. */
    static double observedOrder(SolverProvider provider, SolverOptions o) {
        Schedule vp = VpLinearSchedule.standard();
        int[] steps = {32, 64, 128};
        double[] logE = new double[3];
        for (int k = 0; k < 3; k++) {
            Grid g = Grids.uniformLambda(vp, steps[k], 1.0, 1e-2);
            Tensor xT = DATA.sample(g.level(0), 4, 11);
            Tensor got = run(provider, g, DATA.denoiser(Prediction.EPSILON), xT, o).samples();
            logE[k] = Math.log(got.maxAbsDistance(DATA.flow(xT, g.level(0), g.level(steps[k]))));
        }
        return -(logE[2] - logE[0]) / Math.log(4);
    }

    @Test
    void refusesContradictoryOrImpossibleOptionsByName() {
        Grid noiseFloor = Grids.uniformLambda(DdimTest.SD, 5, 1.0, 0.001);
        Grid toData = Grids.karras(DdimTest.SD, 5, DdimTest.SD.sigmaVe(0), DdimTest.SD.sigmaVe(999), 7);
        assertThatThrownBy(() -> PROVIDER.create(SolverConfig.of(noiseFloor, Prediction.EPSILON)
                .withOptions(options("final_corrector=true", "corrector=false"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("final_corrector");
        assertThatThrownBy(() -> PROVIDER.create(SolverConfig.of(toData, Prediction.EPSILON).withOptions(options("final_corrector=true"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("final_corrector");
        assertThatThrownBy(() -> PROVIDER.create(SolverConfig.of(noiseFloor, Prediction.EPSILON).withOptions(options("denoise_to_zero=true"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("denoise_to_zero");
        assertThatThrownBy(() -> PROVIDER.create(SolverConfig.of(noiseFloor, Prediction.EPSILON).withOptions(options("variant=bh3"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("variant").hasMessageContaining("vary_coeff");
        assertThatThrownBy(() -> PROVIDER.create(SolverConfig.of(noiseFloor, Prediction.EPSILON).withOptions(options("solver_order=4"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("solver_order");
        Grid landing = Grid.of(VpLinearSchedule.standard(), LEVELS.subList(0, 2)).withLandings(List.of(LEVELS.get(2)));
        assertThatThrownBy(() -> PROVIDER.create(SolverConfig.of(landing, Prediction.EPSILON)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("grid");
    }

    @Test
    void foundByServiceLoaderUnderItsAliases() {
        assertThat(java.util.ServiceLoader.load(SolverProvider.class).stream().map(p -> p.get().name())).contains("unipc", "deis");
        assertThat(PROVIDER.aliases()).contains("UniPCMultistepScheduler", "uni_pc", "uni_pc_bh2");
    }
}
