package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.conformance.ExactMoments;
import org.diffuse4j.conformance.TestProblems;
import org.diffuse4j.models.analytic.GaussianMixture;
import org.diffuse4j.models.analytic.GaussianMixtureDenoiser;

/**
 * The weak order of a solver on VE Gaussian data as the conformance kit measures it exactly ({@link ExactMoments}, no
 * Monte Carlo): data N(0.5, 0.5²), x_T from the true marginal, {@link TestProblems#toDataFine} grids on
 * {@link TestProblems#FINE_VE}, the weak error |mean − 0.5| + |std − 0.5| at 32, 64 and 128 steps.
 */
final class ExactWeakOrder {
    private ExactWeakOrder() {}

    static final int[] STEPS = {32, 64, 128};

    static double error(SolverProvider p, SolverOptions o, int n) {
        Grid grid = TestProblems.toDataFine(TestProblems.FINE_VE, n);
        NoiseLevel l = grid.from(0);
        GaussianMixtureDenoiser model = new GaussianMixtureDenoiser(GaussianMixture.single(new double[] {0.5}, 0.5), Prediction.EPSILON);
        double varT = l.alpha() * l.alpha() * 0.25 + l.sigma() * l.sigma();
        ExactMoments.Fit fit = ExactMoments.fit(p.create(new SolverConfig(grid, Prediction.EPSILON, o)), model, 0.5 * l.alpha(), varT, 8, 3);
        if (!(fit instanceof ExactMoments.Affine a)) throw new AssertionError(p.name() + " is not affine: " + fit);
        return Math.abs(a.mean(0.5 * l.alpha()) - 0.5) + Math.abs(a.std(varT) - 0.5);
    }

    /** Least-squares slope of −log(error) against log(steps) at {@link #STEPS}; errors in {@code out}. */
    static double measure(SolverProvider p, SolverOptions o, double[] out) {
        double mx = 0, my = 0;
        for (int i = 0; i < STEPS.length; i++) {
            out[i] = error(p, o, STEPS[i]);
            mx += Math.log(STEPS[i]) / STEPS.length;
            my += Math.log(out[i]) / STEPS.length;
        }
        double sxy = 0, sxx = 0;
        for (int i = 0; i < STEPS.length; i++) {
            sxy += (Math.log(STEPS[i]) - mx) * (Math.log(out[i]) - my);
            sxx += (Math.log(STEPS[i]) - mx) * (Math.log(STEPS[i]) - mx);
        }
        return -sxy / sxx;
    }
}
