package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SamplingResult;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.StepEvent;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.predict.Prediction;
import org.junit.jupiter.api.Test;

/** The multistep DPM-Solvers: the order each step uses, the noise form's agreement with the data form, NFE. */
class DpmSolverTest {
    static final GaussianData DATA = new GaussianData(new double[] {1.0, -0.5, 0.25, 2.0}, 0.5);

    static Grid lambdaGrid(int steps) { return Grids.uniformLambda(DdimTest.SD, steps, 1.0, 0.001); }

    static Grid cleanGrid(int steps) {
        return Grids.karras(DdimTest.SD, steps, DdimTest.SD.sigmaVe(0), DdimTest.SD.sigmaVe(999), 7);
    }

    /** The grid plus one more step to clean data (the official denoise_to_zero). */
    static Grid withJump(Grid g) {
        List<NoiseLevel> levels = new ArrayList<>(g.levels());
        levels.add(NoiseLevel.clean(0, 0));
        return Grid.of(g.schedule(), levels);
    }

    static SamplingResult run(SolverProvider p, Grid grid, SolverOptions options, Prediction native_) {
        var solver = p.create(SolverConfig.of(grid, native_).withOptions(options));
        Tensor xT = DATA.sample(grid.level(0), 3, 42);
        return Sampler.sample(solver, DATA.denoiser(native_), xT, DdimTest.forbidden());
    }

    static SamplingResult run(SolverProvider p, Grid grid, SolverOptions options) { return run(p, grid, options, Prediction.EPSILON); }

    static int[] orders(SamplingResult r) { return r.trace().stream().mapToInt(StepEvent::order).toArray(); }

    static SolverOptions order(int k) { return SolverOptions.NONE.with("solver_order", Integer.toString(k)); }

    private static int[] concat(int[] head, int... tail) {
        int[] out = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    private static int[] fill(int n, int value) {
        int[] o = new int[n];
        Arrays.fill(o, value);
        return o;
    }

    @Test
    void thirdOrderWarmsUpAndLowersItsLastOrdersOnShortGrids() {
        DpmSolverProvider noise = new DpmSolverProvider();
        // official rule (steps < 10): min(order, steps + 1 − step) ⇒ … 3, 2, 1
        assertThat(orders(run(noise, lambdaGrid(8), order(3)))).containsExactly(1, 2, 3, 3, 3, 3, 2, 1);
        assertThat(orders(run(noise, lambdaGrid(12), order(3)))).containsExactly(concat(new int[] {1, 2}, fill(10, 3)));
        assertThat(orders(run(noise, lambdaGrid(8), order(3).with("lower_order_final", "false")))).containsExactly(1, 2, 3, 3, 3, 3, 3, 3);
        // diffusers rule (fewer than 15 steps): lower_order_final and lower_order_second
        DpmSolverPlusPlus3MProvider data = new DpmSolverPlusPlus3MProvider();
        assertThat(orders(run(data, lambdaGrid(14), SolverOptions.NONE))).containsExactly(concat(new int[] {1, 2}, concat(fill(10, 3), 2, 1)));
        assertThat(orders(run(data, lambdaGrid(15), SolverOptions.NONE))).containsExactly(concat(new int[] {1, 2}, fill(13, 3)));
        assertThat(orders(run(data, lambdaGrid(20), SolverOptions.NONE.with("euler_at_final", "true"))))
                .containsExactly(concat(new int[] {1, 2}, concat(fill(17, 3), 1)));
        // landing on σ = 0 is always the first-order jump to x̂₀; with denoise_to_zero the step before it counts as final
        assertThat(orders(run(data, cleanGrid(20), SolverOptions.NONE))).containsExactly(concat(new int[] {1, 2}, concat(fill(17, 3), 1)));
        assertThat(orders(run(data, withJump(lambdaGrid(9)), SolverOptions.NONE.with("denoise_to_zero", "true"))))
                .containsExactly(1, 2, 3, 3, 3, 3, 3, 2, 1, 1);
    }

    @Test
    void eachStepCallsTheModelOnce() {
        for (SolverProvider p : List.of(new DpmSolverProvider(), new DpmSolverPlusPlus3MProvider())) {
            SamplingResult r = run(p, withJump(lambdaGrid(9)), order(3).with("denoise_to_zero", "true"));
            assertThat(r.modelCalls()).isEqualTo(10);
        }
    }

    @Test
    void noiseAndDataFormsAgreeAtFirstOrderAndDifferAboveIt() {
        Grid g = lambdaGrid(10);
        Tensor ddim = run(new DdimProvider(), g, SolverOptions.NONE).samples();
        Tensor noise1 = run(new DpmSolverProvider(), g, order(1)).samples();
        Tensor data1 = run(new DpmSolverPlusPlus2MProvider(), g, order(1)).samples();
        assertThat(noise1.maxAbsDistance(ddim)).isLessThan(1e-12);
        assertThat(data1.maxAbsDistance(ddim)).isLessThan(1e-12);
        Tensor noise2 = run(new DpmSolverProvider(), g, order(2)).samples();
        Tensor data2 = run(new DpmSolverPlusPlus2MProvider(), g, SolverOptions.NONE).samples();
        assertThat(noise2.maxAbsDistance(data2)).isGreaterThan(1e-6);
    }

    @Test
    void noiseFormLandsOnTheDenoisedEstimateAtCleanData() {
        // the last step to σ = 0 is x̂₀ of the state before it, for both forms
        Grid g = cleanGrid(6);
        SamplingResult noise = run(new DpmSolverProvider(), g, SolverOptions.NONE, Prediction.DATA);
        assertThat(noise.samples().isFinite()).isTrue();
        assertThat(orders(noise)[5]).isEqualTo(1);
    }

    /**
     * Both third-order multistep forms converge at order 2 on Gaussian data (their second-derivative term carries half its
     * Taylor weight, as in the references), with errors several times below the second-order methods'.
     */
    @Test
    void thirdOrderMultistepConvergesAtOrderTwoBelowTheSecondOrderError() {
        SolverOptions full = SolverOptions.NONE.with("lower_order_final", "false");
        for (SolverProvider p : List.of(new DpmSolverProvider(), new DpmSolverPlusPlus3MProvider())) {
            double e40 = error(p, 40, full.with("solver_order", "3")), e80 = error(p, 80, full.with("solver_order", "3"));
            assertThat(Math.log(e40 / e80) / Math.log(2)).as(p.name()).isCloseTo(2.0, within(0.25));
            assertThat(e80).isLessThan(error(p, 80, full.with("solver_order", "2")) / 2);
        }
    }

    static double error(SolverProvider p, int steps, SolverOptions options) {
        Grid grid = lambdaGrid(steps);
        Tensor xT = DATA.sample(grid.level(0), 3, 42);
        Tensor out = Sampler.sample(p.create(SolverConfig.of(grid, Prediction.EPSILON).withOptions(options)),
                DATA.denoiser(Prediction.EPSILON), xT, DdimTest.forbidden()).samples();
        return out.maxAbsDistance(DATA.flow(xT, grid.level(0), grid.level(steps)));
    }

    @Test
    void optionsAreCheckedByName() {
        SolverConfig base = SolverConfig.of(lambdaGrid(10), Prediction.EPSILON);
        assertThatThrownBy(() -> new DpmSolverProvider().create(base.withOptions(order(4))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("solver_order").hasMessageContaining("1 … 3");
        assertThatThrownBy(() -> new DpmSolverPlusPlus3MProvider().create(base.withOptions(SolverOptions.NONE.with("denoise_to_zero", "true"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("denoise_to_zero");
        assertThatThrownBy(() -> new DpmSolverProvider().create(SolverConfig.of(
                Grids.uniformTime(org.diffuse4j.api.schedule.RectifiedFlowSchedule.standard(), 10), Prediction.VELOCITY)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("RECTIFIED_FLOW");
    }
}
