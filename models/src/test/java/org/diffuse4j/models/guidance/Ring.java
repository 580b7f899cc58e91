package org.diffuse4j.models.guidance;

import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SamplingOptions;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.schedule.Betas;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.models.analytic.GaussianMixture;

/**
 * gmm2d-ring of {@code shared/bench/problems.json}: 8 equal-weight components μ_k = (cos 2πk/8, sin 2πk/8),
 * std 0.08; sampled with {@link TinyDdim} on Stable Diffusion's schedule and a Karras grid ending at σ = 0.
 */
final class Ring {
    static final int MODES = 8;
    static final GaussianMixture MIXTURE = mixture();
    static final DiscreteVpSchedule SCHEDULE = DiscreteVpSchedule.fromBetas(Betas.scaledLinear(0.00085, 0.012, 1000));

    private Ring() {}

    private static GaussianMixture mixture() {
        double[] weights = new double[MODES], stds = new double[MODES];
        double[][] means = new double[MODES][];
        for (int k = 0; k < MODES; k++) {
            weights[k] = 1.0 / MODES;
            stds[k] = 0.08;
            means[k] = new double[] {Math.cos(2 * Math.PI * k / MODES), Math.sin(2 * Math.PI * k / MODES)};
        }
        return new GaussianMixture(weights, means, stds);
    }

    /** 30 Karras steps (ρ = 7) over the schedule's whole σ/α range, then σ = 0. */
    static Grid grid() {
        return Grids.karras(SCHEDULE, 30, SCHEDULE.sigmaVe(0), SCHEDULE.sigmaVe(SCHEDULE.trainSteps() - 1), 7);
    }

    /** n samples from x_T ~ N(0, I) (seeded) with class label {@code label} for every row. */
    static Tensor sample(Denoiser denoiser, int n, int label, long seed) {
        NoiseSource noise = NoiseSource.seeded(seed);
        Tensor xT = noise.gaussian(n, 2);
        return Sampler.sample(new TinyDdim(grid()), denoiser, xT, noise,
                SamplingOptions.DEFAULT.withConditioning(Conditioning.classes(label))).samples();
    }

    /** The fraction of rows whose nearest mode is {@code mode}. */
    static double fractionNearest(Tensor samples, int mode) {
        double[][] means = MIXTURE.means();
        int hits = 0;
        for (int r = 0; r < samples.rows(); r++) {
            int best = 0;
            double bestD = Double.POSITIVE_INFINITY;
            for (int k = 0; k < MODES; k++) {
                double dx = samples.get(r, 0) - means[k][0], dy = samples.get(r, 1) - means[k][1];
                if (dx * dx + dy * dy < bestD) {
                    bestD = dx * dx + dy * dy;
                    best = k;
                }
            }
            if (best == mode) hits++;
        }
        return (double) hits / samples.rows();
    }
}
