package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.diffuse4j.samplers.ode.ClassicSolversByHandTest.STANDARD;
import static org.diffuse4j.samplers.ode.ClassicSolversByHandTest.sigmas;

import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SamplingResult;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.junit.jupiter.api.Test;

/**
 * {@code lms} with {@code start_step}: by hand for data N(0, 1), where dy/ds = y s/(1 + s²) (see
 * {@link ClassicSolversByHandTest}), and against runs on the rest of the grid.
 */
class LmsStartStepTest {
    private static final LmsProvider LMS = new LmsProvider();

    /** Runs from y = 1 at the first level the solver walks; the result is y at the last level. */
    private static double runY(Grid grid, SolverOptions options) {
        SamplingResult r = result(grid, options);
        return r.samples().get(0) / grid.to(grid.steps() - 1).alpha();
    }

    private static SamplingResult result(Grid grid, SolverOptions options) {
        Solver<?> solver = LMS.create(SolverConfig.of(grid, Prediction.EPSILON).withOptions(options));
        Tensor x = Tensor.full(solver.grid().from(0).alpha(), 1, 1);
        return Sampler.sample(solver, STANDARD.denoiser(Prediction.EPSILON), x, DdimTest.forbidden());
    }

    private static SolverOptions start(int k, String weights) {
        return SolverOptions.NONE.with("start_step", Integer.toString(k)).with("mid_schedule_weights", weights);
    }

    @Test
    void historyWeightsRunTheRestOfTheGridAsIs() {
        // from s = 2 with y = 1: Euler, d = 2/5, y' = 1 − 0.4 = 0.6 (the skipped level s = 3 plays no role)
        assertThat(runY(sigmas(3, 2, 1), start(1, "history"))).isCloseTo(0.6, within(1e-14));
        Grid grid = sigmas(6, 5, 4, 3, 2, 1, 0.5, 0);
        SamplingResult cut = result(grid, start(3, "history"));
        SamplingResult rest = result(sigmas(3, 2, 1, 0.5, 0), SolverOptions.NONE);
        assertThat(cut.samples()).isEqualTo(rest.samples());
        assertThat(cut.trace()).hasSize(4);
    }

    @Test
    void diffusersWeightsCountTheOrderFromTheScheduleStart() {
        // step index 1 → order min(2, 4) = 2: basis through s = 2, 3; the coefficient of s = 2 is ∫₂¹ (3 − τ) dτ = −3/2,
        // paired with the one derivative d = 0.4: y' = 1 − 1.5·0.4 = 0.4 (not the consistent 0.6)
        assertThat(runY(sigmas(3, 2, 1), start(1, "diffusers"))).isCloseTo(0.4, within(1e-14));
        // step index 2 → order 3 through s = 2, 3, 4 with one derivative: ℓ(τ) = (τ − 3)(τ − 4)/((2 − 3)(2 − 4)),
        // ∫₂¹ ℓ = −∫₁² (τ² − 7τ + 12)/2 dτ = −(7/3 − 21/2 + 12)/2 = −23/12; y' = 1 − (23/12)·0.4
        assertThat(runY(sigmas(4, 3, 2, 1), start(2, "diffusers"))).isCloseTo(1 - 23.0 / 12 * 0.4, within(1e-14));
    }

    @Test
    void bothWeightsAgreeWhenTheRunStartsAtTheFirstStep() {
        Grid grid = sigmas(6, 5, 4, 3, 2, 1, 0.5, 0);
        Tensor history = result(grid, start(0, "history")).samples();
        assertThat(result(grid, start(0, "diffusers")).samples()).isEqualTo(history);
        assertThat(result(grid, SolverOptions.NONE).samples()).isEqualTo(history);
    }

    @Test
    void refusesStartStepsOffTheGridAndUnknownWeights() {
        Grid grid = sigmas(3, 2, 1);
        assertThatThrownBy(() -> LMS.create(SolverConfig.of(grid, Prediction.EPSILON).withOptions(start(2, "history"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("start_step");
        assertThatThrownBy(() -> LMS.create(SolverConfig.of(grid, Prediction.EPSILON)
                .withOptions(SolverOptions.NONE.with("start_step", "-1")))).hasMessageContaining("start_step");
        assertThatThrownBy(() -> LMS.create(SolverConfig.of(grid, Prediction.EPSILON)
                .withOptions(SolverOptions.NONE.with("mid_schedule_weights", "k-diffusion")))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("mid_schedule_weights");
    }
}
