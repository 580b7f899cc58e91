package com.example.solvers;

import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.Grids;

/** Observed order of convergence against the exact Gaussian flow under step doubling. */
final class Convergence {
    static final GaussianData DATA = new GaussianData(0.3, 1.5, -0.5);

    private Convergence() {}

    /** Max |x − x_exact| at the grid's end, uniform-λ grid of {@code steps} steps from t = 1 to t = 0.01. */
    static double error(SolverProvider provider, Schedule schedule, int steps) {
        Grid grid = Grids.uniformLambda(schedule, steps, 1.0, 0.01);
        Tensor xT = NoiseSource.seeded(7).gaussian(16, 2);
        Tensor x = Runs.sample(provider, grid, DATA, xT).samples();
        return x.maxAbsDistance(DATA.flow(xT, grid.from(0), grid.to(grid.steps() - 1)));
    }

    /** Errors for each step count. */
    static List<Double> errors(SolverProvider provider, Schedule schedule, int... steps) {
        List<Double> out = new ArrayList<>();
        for (int n : steps) out.add(error(provider, schedule, n));
        return out;
    }

    /** The negated least-squares slope of log(error) against log(n): the observed order. */
    static double observedOrder(int[] steps, List<Double> errors) {
        int m = steps.length;
        double mx = 0, my = 0;
        for (int i = 0; i < m; i++) {
            mx += Math.log(steps[i]) / m;
            my += Math.log(errors.get(i)) / m;
        }
        double sxy = 0, sxx = 0;
        for (int i = 0; i < m; i++) {
            double dx = Math.log(steps[i]) - mx;
            sxy += dx * (Math.log(errors.get(i)) - my);
            sxx += dx * dx;
        }
        return -sxy / sxx;
    }
}
