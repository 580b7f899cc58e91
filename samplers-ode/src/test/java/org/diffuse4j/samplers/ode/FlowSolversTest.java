package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.RectifiedFlowSchedule;
import org.diffuse4j.models.analytic.GaussianMixture;
import org.diffuse4j.models.analytic.GaussianMixtureDenoiser;
import org.junit.jupiter.api.Test;

/** The flow-matching solvers on rectified flow (α = 1 − t, σ = t) and elsewhere. */
class FlowSolversTest {
    private static final RectifiedFlowSchedule RF = RectifiedFlowSchedule.standard();

    /** Data N(0, 1) natively predicting the rectified-flow velocity ε̂ − x̂₀. */
    private static final Denoiser VELOCITY = new GaussianMixtureDenoiser(GaussianMixture.single(new double[] {0}, 1), Prediction.VELOCITY);

    private static double oneStep(SolverProvider p, double from, double to, double x) {
        Grid grid = Grids.explicit(RF, new double[] {from, to});
        var solver = p.create(SolverConfig.of(grid, Prediction.VELOCITY));
        return Sampler.sample(solver, VELOCITY, Tensor.full(x, 1, 1), DdimTest.forbidden()).samples().get(0);
    }

    @Test
    void stepsByHandOnRectifiedFlow() {
        // N(0, 1): x̂₀ = α x/(α² + σ²), ε̂ = (x − α x̂₀)/σ. From t = 0.8, x = 1: v = 20/17 − 5/17 = 15/17
        assertThat(oneStep(new FlowEulerProvider(), 0.8, 0.4, 1)).isCloseTo(1 - 0.4 * 15 / 17, within(1e-15));
        // predictor 11/17 at t = 0.4: v = 110/221 − 165/221; x' = 1 − 0.4 (15/17 − 55/221)/2 = 193/221
        assertThat(oneStep(new FlowHeunProvider(), 0.8, 0.4, 1)).isCloseTo(193.0 / 221, within(1e-15));
        // midpoint t = 0.6, x = 14/17: v = 210/221 − 140/221; x' = 1 − 0.4 · 70/221
        assertThat(oneStep(new FlowMidpointProvider(), 0.8, 0.4, 1)).isCloseTo(1 - 0.4 * 70 / 221, within(1e-15));
    }

    @Test
    void startsFromPureNoise() {
        // at t = 1 (α = 0) the velocity of N(0, 1) is x − 0: Euler to t = 0.5 halves x
        assertThat(oneStep(new FlowEulerProvider(), 1, 0.5, 3)).isCloseTo(1.5, within(1e-15));
        assertThat(Double.isFinite(oneStep(new FlowHeunProvider(), 1, 0.5, 3))).isTrue();
    }

    @Test
    void flowEulerIsEulerOnEverySchedule() {
        GaussianData data = new GaussianData(new double[] {0.5, -1, 3}, 0.4);
        for (Grid grid : List.of(Grids.karras(DdimTest.SD, 9, 0.05, 10, 7), Grids.uniformTime(RF, 7))) {
            Tensor xT = data.sample(grid.level(1), 3, 5);
            Denoiser d = data.denoiser(Prediction.DATA);
            Tensor flow = Sampler.sample(new FlowEulerProvider().create(SolverConfig.of(grid, Prediction.DATA)), d, xT, DdimTest.forbidden()).samples();
            Tensor euler = Sampler.sample(new EulerProvider().create(SolverConfig.of(grid, Prediction.DATA)), d, xT, DdimTest.forbidden()).samples();
            assertThat(flow.maxAbsDistance(euler)).isLessThan(1e-12);
        }
    }

    @Test
    void convergeToTheGaussianFlowAtTheirOrdersOnRectifiedFlow() {
        // rectified flow from t = 1 to a floor t = 0.02; the exact PF-ODE of N(μ, s²) in closed form
        double[] mu = {0.7, -1.2};
        GaussianMixture data = GaussianMixture.single(mu, 0.3);
        Denoiser d = new GaussianMixtureDenoiser(data, Prediction.VELOCITY);
        GaussianData exact = new GaussianData(mu, 0.3);
        for (SolverProvider p : List.of(new FlowEulerProvider(), new FlowHeunProvider(), new FlowMidpointProvider())) {
            double[] e = new double[2];
            for (int k = 0; k < 2; k++) {
                int n = 32 << k;
                Grid grid = Grids.uniformTime(RF, n, 1, 0.02);
                Tensor xT = NoiseSource.seeded(9).gaussian(5, 2);
                Tensor got = Sampler.sample(p.create(SolverConfig.of(grid, Prediction.VELOCITY)), d, xT, DdimTest.forbidden()).samples();
                e[k] = got.maxAbsDistance(exact.flow(xT, grid.level(0), grid.level(n)));
            }
            double order = Math.log(e[0] / e[1]) / Math.log(2);
            assertThat(order).as(p.name()).isGreaterThan(p.traits().order() - 0.3);
        }
    }
}
