package com.example.solvers;

import java.util.function.DoubleUnaryOperator;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SamplingResult;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.VpLinearSchedule;

/** Runs through the public sampling loop, and the hand-derived checks both solvers share. */
final class Runs {
    static final Tensor X = Tensor.of(new double[][] {{0.8, -1.3}, {2.1, 0.05}});

    private Runs() {}

    static SamplingResult sample(SolverProvider provider, Grid grid, Denoiser denoiser, Tensor x) {
        return Sampler.sample(provider.create(SolverConfig.of(grid, Prediction.DATA)), denoiser, x, NoiseSource.seeded(1));
    }

    /**
     * Max error of one step of dy/ds = κ y against y' = R(κ h) y: for an explicit tableau of order p with p
     * stages, R is the Taylor polynomial of exp of degree p.
     */
    static double linearStepError(SolverProvider provider, double kappa, DoubleUnaryOperator stabilityPolynomial) {
        Grid grid = Grids.explicit(VpLinearSchedule.standard(), new double[] {0.5, 0.2});
        NoiseLevel from = grid.from(0), to = grid.to(0);
        double r = stabilityPolynomial.applyAsDouble(kappa * (to.sigmaVe() - from.sigmaVe()));
        Tensor expected = X.scale(to.alpha() / from.alpha() * r);
        return sample(provider, grid, new OdeDenoiser((s, y) -> kappa * y), X).samples().maxAbsDistance(expected);
    }

    /**
     * Max error of integrating dy/ds = s^degree over a 5-step grid: with y-independent slopes a tableau is a
     * quadrature rule, exact up to some degree.
     */
    static double quadratureError(SolverProvider provider, int degree) {
        Grid grid = Grids.uniformLambda(VpLinearSchedule.standard(), 5, 0.6, 0.05);
        NoiseLevel first = grid.from(0), last = grid.to(grid.steps() - 1);
        double integral = (Math.pow(last.sigmaVe(), degree + 1) - Math.pow(first.sigmaVe(), degree + 1)) / (degree + 1);
        Tensor expected = X.map(x -> last.alpha() * (x / first.alpha() + integral));
        return sample(provider, grid, new OdeDenoiser((s, y) -> Math.pow(s, degree)), X).samples().maxAbsDistance(expected);
    }
}
