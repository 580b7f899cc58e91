package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.models.analytic.GaussianMixture;
import org.diffuse4j.models.analytic.GaussianMixtureDenoiser;

/**
 * Exact output moments of a solver on one-dimensional Gaussian data N(μ, s²) with its exact denoiser, without
 * Monte Carlo: every solver here is affine in (x_T, z₁, z₂, …) when x̂₀ is affine in x, so one run on the basis
 * rows (x_T = 0, all z = 0), (x_T = 1, z = 0) and (x_T = 0, z_k = 1) gives out = b + A x_T + Σ c_k z_k, whence
 * E[out] = b + A E[x_T] and Var[out] = A² Var[x_T] + Σ c_k².
 */
final class ExactMoments {
    private ExactMoments() {}

    /** {mean, std} of the output for x_T ~ N(meanT, varT). */
    static double[] of(Solver<?> solver, double mu, double s, Prediction target, double meanT, double varT, int maxDraws) {
        GaussianMixture data = GaussianMixture.single(new double[] {mu}, s);
        return of(solver, new GaussianMixtureDenoiser(data, target), meanT, varT, maxDraws);
    }

    /** {mean, std} of the output for x_T ~ N(meanT, varT) with a denoiser affine in x. */
    static double[] of(Solver<?> solver, org.diffuse4j.api.Denoiser denoiser, double meanT, double varT, int maxDraws) {
        int rows = 2 + maxDraws;
        double[] x = new double[rows];
        x[1] = 1;
        NoiseSource basis = new NoiseSource() {
            private int draws;

            @Override public Tensor gaussian(int... shape) {
                if (draws >= maxDraws) throw new IllegalStateException("more than " + maxDraws + " draws");
                double[] z = new double[rows];
                z[2 + draws++] = 1;
                return Tensor.of(shape, z);
            }

            @Override public long draws() { return draws; }
        };
        Tensor out = Sampler.sample(solver, denoiser, Tensor.of(new int[] {rows, 1}, x), basis).samples();
        double b = out.get(0), a = out.get(1) - b;
        double var = a * a * varT;
        for (int k = 0; k < basis.draws(); k++) {
            double c = out.get(2 + k) - b;
            var += c * c;
        }
        return new double[] {b + a * meanT, Math.sqrt(var)};
    }

    /** The marginal variance of N(μ, s²) data at a level. */
    static double marginalVariance(NoiseLevel l, double s) { return l.alpha() * l.alpha() * s * s + l.sigma() * l.sigma(); }

    /** The kit's weak error |mean − μ| + |std − s| for x_T ~ N(0, v_T) (TestProblems.initial) on a grid. */
    static double kitError(Solver<?> solver, Grid grid) {
        double[] m = of(solver, 0.5, 0.5, Prediction.EPSILON, 0, marginalVariance(grid.from(0), 0.5), 4 * grid.steps() + 8);
        return Math.abs(m[0] - 0.5) + Math.abs(m[1] - 0.5);
    }
}
