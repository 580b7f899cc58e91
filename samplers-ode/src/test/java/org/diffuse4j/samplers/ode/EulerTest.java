package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.RectifiedFlowSchedule;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.junit.jupiter.api.Test;

class EulerTest {
    @Test
    void oneStepIsEulerInSigmaSpaceByHand() {
        // y = x/α = 5/3, s = σ/α = 4/3 → s' = 0.75; y' = y + (s' − s)(y − x̂₀)/s = 5/3 + (−7/16)(−1/3) = 87/48;
        // x' = α' y' = 0.8 · 87/48 = 1.45
        Grid grid = Grid.of(VpLinearSchedule.standard(), List.of(NoiseLevel.of(0.5, 0.6, 0.8, 0.5), NoiseLevel.of(0.3, 0.8, 0.6, 0.3)));
        var solver = new EulerProvider().create(SolverConfig.of(grid, Prediction.DATA));
        Tensor out = Sampler.sample(solver, DdimTest.constant(2), Tensor.full(1, 1, 1), DdimTest.forbidden()).samples();
        assertThat(out.get(0)).isCloseTo(0.8 * 87 / 48, within(1e-15));
    }

    @Test
    void stepFromPureNoiseOfRectifiedFlowStaysFinite() {
        // at t = 1 (α = 0, σ = 1) the flow is dx/dt = ε − x̂₀ = x − x̂₀; an Euler step of −½ gives ½ x + ½ x̂₀
        RectifiedFlowSchedule rf = RectifiedFlowSchedule.standard();
        Grid grid = Grids.explicit(rf, new double[] {1, 0.5});
        var solver = new EulerProvider().create(SolverConfig.of(grid, Prediction.DATA));
        Tensor out = Sampler.sample(solver, DdimTest.constant(2), Tensor.full(3, 1, 1), DdimTest.forbidden()).samples();
        assertThat(out.get(0)).isCloseTo(0.5 * 3 + 0.5 * 2, within(1e-15));
    }

    @Test
    void equalsDdimOnAnyGrid() {
        // with x̂₀ frozen over a step, Euler in (y, s) and DDIM are the same update (Karras et al. 2022, §3)
        GaussianData data = new GaussianData(new double[] {0.5, -1, 3}, 0.4);
        Grid grid = Grids.karras(DdimTest.SD, 9, 0.05, 10, 7);
        Tensor xT = data.sample(grid.level(0), 3, 5);
        Tensor euler = Sampler.sample(new EulerProvider().create(SolverConfig.of(grid, Prediction.DATA)),
                data.denoiser(Prediction.DATA), xT, DdimTest.forbidden()).samples();
        Tensor ddim = Sampler.sample(new DdimProvider().create(SolverConfig.of(grid, Prediction.DATA)),
                data.denoiser(Prediction.DATA), xT, DdimTest.forbidden()).samples();
        assertThat(euler.maxAbsDistance(ddim)).isLessThan(1e-12);
    }
}
