package org.diffuse4j.samplers.ode;

import java.util.List;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.ScheduleFamily;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.conformance.ReferenceFlow;
import org.diffuse4j.conformance.TestProblems;
import org.diffuse4j.models.analytic.GaussianMixture;
import org.diffuse4j.models.analytic.GaussianMixtureDenoiser;

/**
 * The observed order of convergence as the conformance kit measures it (−slope of log max error against log steps,
 * uniform-λ grids to a small noise floor on the continuous VP schedule, ε-prediction), against the closed-form
 * Gaussian flow or the kit's 1e-12 integration of a mixture's flow.
 */
final class ObservedOrder {
    private ObservedOrder() {}

    static final List<Integer> STEPS = List.of(16, 32, 64, 128);

    /** On the kit's Gaussian data (its order check). */
    static double gaussian(SolverProvider p, SolverOptions options, List<Integer> steps) {
        return slope(steps, n -> {
            Grid grid = grid(n);
            Tensor xT = TestProblems.initial(4, 3, grid.from(0), TestProblems.GAUSSIAN_STD, 11);
            Tensor exact = ReferenceFlow.gaussian(TestProblems.GAUSSIAN_MEAN, TestProblems.GAUSSIAN_STD, xT, grid.from(0), grid.to(n - 1));
            return run(p, options, grid, TestProblems.gaussian(), xT).maxAbsDistance(exact);
        });
    }

    /** On the gmm2d-ring mixture. */
    static double mixture(SolverProvider p, SolverOptions options, List<Integer> steps) {
        GaussianMixture ring = TestProblems.ring();
        return slope(steps, n -> {
            Grid grid = grid(n);
            Tensor xT = NoiseSource.seeded(3).gaussian(6, 2);
            return run(p, options, grid, ring, xT).maxAbsDistance(ReferenceFlow.mixture(ring, xT, grid.from(0), grid.to(n - 1)));
        });
    }

    private static Grid grid(int n) {
        Schedule vp = TestProblems.schedule(ScheduleFamily.CONTINUOUS_VP);
        return TestProblems.toNoiseFloor(vp, n);
    }

    private static Tensor run(SolverProvider p, SolverOptions options, Grid grid, GaussianMixture data, Tensor xT) {
        var solver = p.create(SolverConfig.of(grid, Prediction.EPSILON).withOptions(options));
        return Sampler.sample(solver, new GaussianMixtureDenoiser(data, Prediction.EPSILON), xT, NoiseSource.seeded(1)).samples();
    }

    private static double slope(List<Integer> steps, java.util.function.IntToDoubleFunction error) {
        int n = steps.size();
        double[] lx = new double[n], ly = new double[n];
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            lx[i] = Math.log(steps.get(i));
            ly[i] = Math.log(error.applyAsDouble(steps.get(i)));
            mx += lx[i] / n;
            my += ly[i] / n;
        }
        double sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (lx[i] - mx) * (ly[i] - my);
            sxx += (lx[i] - mx) * (lx[i] - mx);
        }
        return -sxy / sxx;
    }
}
