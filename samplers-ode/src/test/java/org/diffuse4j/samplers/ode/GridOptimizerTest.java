package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.GridOptimizer;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.junit.jupiter.api.Test;

/**
 * The optimised grid, tuned on a pilot batch against a fine-step solution, also lowers the error of a held-out
 * batch against the exact Gaussian flow (an oracle the optimiser never saw).
 */
class GridOptimizerTest {
    @Test void optimisedGridBeatsUniformLambdaOnHeldOutData() {
        VpLinearSchedule schedule = VpLinearSchedule.standard();
        GaussianData data = new GaussianData(new double[] {0.5, -0.3, 1.0}, 0.3);
        GridOptimizer optimizer = new GridOptimizer(schedule, 1.0, 0.01, false);
        DdimProvider ddim = new DdimProvider();
        var denoiser = data.denoiser(Prediction.EPSILON);
        Tensor pilot = data.sample(schedule.at(1.0), 32, 5);
        GridOptimizer.Result r = optimizer.optimise(6, g -> ddim.create(SolverConfig.of(g, Prediction.EPSILON)), denoiser, pilot, 96, 300);
        assertThat(r.optimisedError()).isLessThan(r.uniformError());
        assertThat(r.grid().steps()).isEqualTo(6);

        Tensor heldOut = data.sample(schedule.at(1.0), 64, 99);
        Grid uniform = Grids.uniformLambda(schedule, 6, 1.0, 0.01);
        double eUniform = error(ddim, uniform, denoiser, heldOut, data);
        double eOptimised = error(ddim, r.grid(), denoiser, heldOut, data);
        System.out.printf("DDIM 6 steps, held-out RMSE: uniform λ %.3e, optimised %.3e%n", eUniform, eOptimised);
        assertThat(eOptimised).isLessThan(0.8 * eUniform);
    }

    static double error(DdimProvider p, Grid g, org.diffuse4j.api.Denoiser d, Tensor xT, GaussianData data) {
        Tensor got = Sampler.sample(p.create(SolverConfig.of(g, Prediction.EPSILON)), d, xT, NoiseSource.seeded(1)).samples();
        return got.rmsDistance(data.flow(xT, g.from(0), g.to(g.steps() - 1)));
    }
}
