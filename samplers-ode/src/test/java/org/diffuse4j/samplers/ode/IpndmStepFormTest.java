package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.diffuse4j.samplers.ode.ClassicSolversByHandTest.STANDARD;
import static org.diffuse4j.samplers.ode.ClassicSolversByHandTest.VP;

import java.util.List;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.junit.jupiter.api.Test;

/** {@code ipndm} with {@code step_form=diffusers}: the VP form of diffusers' IPNDMScheduler, by hand for data N(0, 1). */
class IpndmStepFormTest {
    private static final IpndmProvider IPNDM = new IpndmProvider();
    private static final SolverOptions DIFFUSERS = SolverOptions.NONE.with("step_form", "diffusers");

    private static Tensor run(Grid grid, SolverOptions options, Tensor x) {
        var solver = IPNDM.create(SolverConfig.of(grid, Prediction.EPSILON).withOptions(options));
        return Sampler.sample(solver, STANDARD.denoiser(Prediction.EPSILON), x, DdimTest.forbidden()).samples();
    }

    @Test
    void startsAtAlphaZeroAsDiffusersDoes() {
        // data N(0, 1) on a VP path: ε̂ = σ x. At α = 0, σ = 1: ε̂ = x, x̂₀ = (x − x)/max(0, 1e-8) = 0, so x₁ = σ₁ x = 0.8.
        // Then ε̂ = 0.8·0.8 = 0.64, ε̄ = 1.5·0.64 − 0.5·1 = 0.46, x̂₀ = (0.8 − 0.8·0.46)/0.6 = 0.72, x₂ = 0.8·0.72 + 0.6·0.46
        Grid grid = Grid.of(VP, List.of(NoiseLevel.of(1, 0, 1, 1), NoiseLevel.of(0.5, 0.6, 0.8, 0.5), NoiseLevel.of(0.25, 0.8, 0.6, 0.25)));
        assertThat(run(grid, DIFFUSERS, Tensor.full(1, 1, 1)).get(0)).isCloseTo(0.852, within(1e-14));
    }

    @Test
    void equalsTheSigmaFormWhereAlphaIsPositive() {
        Grid grid = DpmSolverTest.lambdaGrid(12);
        Tensor x = DpmSolverTest.DATA.sample(grid.level(0), 3, 42);
        var sigma = IPNDM.create(SolverConfig.of(grid, Prediction.EPSILON));
        var data = DpmSolverTest.DATA.denoiser(Prediction.EPSILON);
        Tensor expected = Sampler.sample(sigma, data, x, DdimTest.forbidden()).samples();
        var diffusers = IPNDM.create(SolverConfig.of(grid, Prediction.EPSILON).withOptions(DIFFUSERS));
        assertThat(Sampler.sample(diffusers, data, x, DdimTest.forbidden()).samples().maxAbsDistance(expected)).isLessThan(1e-12);
    }

    @Test
    void refusesUnknownStepForms() {
        assertThatThrownBy(() -> IPNDM.create(SolverConfig.of(DpmSolverTest.lambdaGrid(4), Prediction.EPSILON)
                .withOptions(SolverOptions.NONE.with("step_form", "comfy")))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("step_form");
    }
}
