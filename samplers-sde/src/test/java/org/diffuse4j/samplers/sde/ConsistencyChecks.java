package org.diffuse4j.samplers.sde;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.ScheduleFamily;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.conformance.TestProblems;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.TestReporter;

/**
 * The kit's moment and order checks for consistency samplers, run with what they sample from: a consistency model,
 * whose x₀ target is the consistency function ({@link GaussianConsistency}, exact for the kit's Gaussian data) rather
 * than the kit's posterior-mean denoiser (which makes any consistency sampler under-disperse: std 0.34 at 100 steps).
 * Same data N(0.5, 0.5²), grids, x_T, sample size and tolerances as the kit.
 */
final class ConsistencyChecks {
    private ConsistencyChecks() {}

    private static ScheduleFamily family(SolverProvider p) {
        return p.traits().schedules().contains(ScheduleFamily.CONTINUOUS_VP) ? ScheduleFamily.CONTINUOUS_VP : ScheduleFamily.DISCRETE_VP;
    }

    static void moments(SolverProvider p, TestReporter reporter) {
        Grid grid = TestProblems.toData(TestProblems.schedule(family(p)), 100);
        int rows = 100_000;
        Tensor xT = TestProblems.initial(rows, 1, grid.from(0), 0.5, 7);
        Tensor out = Sampler.sample(p.create(SolverConfig.of(grid, Prediction.DATA)), new GaussianConsistency(new double[] {0.5}, 0.5), xT,
                NoiseSource.seeded(8)).samples();
        double mean = out.sum() / out.size(), var = 0;
        for (int i = 0; i < out.size(); i++) var += (out.get(i) - mean) * (out.get(i) - mean);
        double std = Math.sqrt(var / (out.size() - 1));
        double bound = 5 * 0.5 / Math.sqrt(rows) + 0.02;
        String figure = String.format(Locale.ROOT, "mean %.3g, std %.3g (exact 0.5, 0.5) with the Gaussian consistency function", mean, std);
        reporter.publishEntry("gaussian-moments", figure);
        System.out.println("[conformance] " + p.name() + " gaussian-moments (consistency function): " + figure);
        assertTrue(Math.abs(mean - 0.5) <= bound && Math.abs(std - 0.5) <= bound, p.name() + " " + figure);
    }

    static void order(SolverProvider p, TestReporter reporter) {
        double floor = 3 * (0.5 / Math.sqrt(100_000) + 0.5 / Math.sqrt(200_000.0));
        StringBuilder figure = new StringBuilder("exact weak errors with the Gaussian consistency function:");
        int above = 0;
        for (int n : new int[] {4, 8, 16, 32}) {
            Grid grid = TestProblems.toData(TestProblems.schedule(family(p)), n);
            double[] m = ExactMoments.of(p.create(SolverConfig.of(grid, Prediction.DATA)), new GaussianConsistency(new double[] {0.5}, 0.5),
                    0, ExactMoments.marginalVariance(grid.from(0), 0.5), 4 * n + 8);
            double e = Math.abs(m[0] - 0.5) + Math.abs(m[1] - 0.5);
            figure.append(String.format(Locale.ROOT, " %.2g at %d", e, n));
            if (e > floor) above++;
        }
        reporter.publishEntry("order", figure.toString());
        System.out.println("[conformance] " + p.name() + " order: " + figure);
        Assumptions.assumeTrue(above >= 2, figure + ": below the statistical floor, order not measurable (as the kit reports)");
        assertTrue(false, p.name() + " " + figure + ": a consistency sampler with an exact consistency function should be exact");
    }
}
