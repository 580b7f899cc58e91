package org.diffuse4j.samplers.sde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.Betas;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.junit.jupiter.api.Test;

class BrownianTreeNoiseTest {
    private static final int ROWS = 40_000;
    private static final int[] SHAPE = {ROWS, 1};

    private static double mean(Tensor t) { return t.sum() / t.size(); }

    private static double variance(Tensor t) {
        double m = mean(t), s = 0;
        for (int i = 0; i < t.size(); i++) s += (t.get(i) - m) * (t.get(i) - m);
        return s / (t.size() - 1);
    }

    private static double covariance(Tensor a, Tensor b) {
        double ma = mean(a), mb = mean(b), s = 0;
        for (int i = 0; i < a.size(); i++) s += (a.get(i) - ma) * (b.get(i) - mb);
        return s / (a.size() - 1);
    }

    /** 4 standard errors of a sample variance of N(0, v) from ROWS values. */
    private static double varianceTolerance(double v) { return 4 * v * Math.sqrt(2.0 / (ROWS - 1)); }

    @Test
    void pathValuesHaveVarianceSigma() {
        BrownianTreeNoise w = BrownianTreeNoise.seeded(3);
        for (double sigma : new double[] {0.003, 0.4, 1, 1.7, 14.6, 80}) {
            Tensor v = w.at(SHAPE, sigma);
            assertThat(mean(v)).as("mean at %s", sigma).isCloseTo(0, within(4 * Math.sqrt(sigma / ROWS)));
            assertThat(variance(v)).as("variance at %s", sigma).isCloseTo(sigma, within(varianceTolerance(sigma)));
        }
    }

    @Test
    void incrementsAreStandardNormalAndIndependentOnDisjointIntervals() {
        BrownianTreeNoise w = BrownianTreeNoise.seeded(4);
        Tensor a = w.increment(SHAPE, 14.6, 7.3), b = w.increment(SHAPE, 7.3, 0.02), c = w.increment(SHAPE, 0.02, 0.0199);
        for (Tensor t : List.of(a, b, c)) {
            assertThat(mean(t)).isCloseTo(0, within(4 / Math.sqrt(ROWS)));
            assertThat(variance(t)).isCloseTo(1, within(varianceTolerance(1)));
        }
        assertThat(covariance(a, b)).isCloseTo(0, within(4 / Math.sqrt(ROWS)));
        assertThat(covariance(b, c)).isCloseTo(0, within(4 / Math.sqrt(ROWS)));
        assertThat(w.draws()).isEqualTo(3);
    }

    @Test
    void overlappingIncrementsAreCorrelatedAsBrownianMotion() {
        // W(s) − W(t) and W(u) − W(t) for t > s > u share the part over [s, t]: correlation √((t − s)/(t − u))
        BrownianTreeNoise w = BrownianTreeNoise.seeded(5);
        Tensor first = w.increment(SHAPE, 4, 2), whole = w.increment(SHAPE, 4, 1);
        assertThat(covariance(first, whole)).isCloseTo(Math.sqrt(2.0 / 3), within(4 / Math.sqrt(ROWS)));
    }

    @Test
    void incrementsOfARefinedGridSumToTheCoarseIncrement() {
        BrownianTreeNoise w = BrownianTreeNoise.seeded(6);
        int[] shape = {5, 3};
        double[] fine = {14.6, 11.2, 6.0, 3.3, 1.01, 0.5, 0.0292};
        Tensor sum = Tensor.zeros(shape);
        for (int k = 0; k + 1 < fine.length; k++) {
            sum = sum.plus(w.increment(shape, fine[k], fine[k + 1]).scale(Math.sqrt(fine[k] - fine[k + 1])));
        }
        Tensor coarse = w.increment(shape, 14.6, 0.0292).scale(Math.sqrt(14.6 - 0.0292));
        assertThat(sum.maxAbsDistance(coarse)).isLessThan(1e-12);
    }

    @Test
    void sameSeedSamePathOtherSeedOtherPathAndRowsAreBatchInvariant() {
        int[] shape = {6, 2};
        Tensor a = BrownianTreeNoise.seeded(7).increment(shape, 3, 0.5), b = BrownianTreeNoise.seeded(7).increment(shape, 3, 0.5);
        assertThat(a).isEqualTo(b);
        assertThat(BrownianTreeNoise.seeded(8).increment(shape, 3, 0.5).maxAbsDistance(a)).isGreaterThan(0.1);
        // the path does not depend on what was asked before
        BrownianTreeNoise busy = BrownianTreeNoise.seeded(7);
        busy.gaussian(shape);
        busy.increment(shape, 9, 1);
        assertThat(busy.increment(shape, 3, 0.5)).isEqualTo(a);
        for (int r = 0; r < 6; r++) {
            assertThat(BrownianTreeNoise.seeded(7, r).increment(new int[] {1, 2}, 3, 0.5)).isEqualTo(a.row(r));
        }
    }

    @Test
    void refusesInfiniteNegativeOrEqualLevels() {
        BrownianTreeNoise w = BrownianTreeNoise.seeded(9);
        assertThatThrownBy(() -> w.increment(SHAPE, Double.POSITIVE_INFINITY, 1)).isInstanceOf(ConfigurationException.class).hasMessageContaining("sigma");
        assertThatThrownBy(() -> w.increment(SHAPE, -1, 1)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> w.increment(SHAPE, 2, 2)).isInstanceOf(ConfigurationException.class);
    }

    /**
     * The point of a Brownian source: dpmpp-sde's sample for one seed barely moves when the step count doubles (both
     * runs see increments of one path), while independent draws give an unrelated sample.
     */
    @Test
    void sdeSamplesStayConsistentWhenTheStepCountChanges() {
        DiscreteVpSchedule sd = DiscreteVpSchedule.fromBetas(Betas.scaledLinear(0.00085, 0.012, 1000));
        var data = org.diffuse4j.models.analytic.GaussianMixture.single(new double[] {0.3, -0.2}, 0.4);
        var denoiser = new org.diffuse4j.models.analytic.GaussianMixtureDenoiser(data, Prediction.EPSILON);
        Tensor xT = NoiseSource.seeded(1).gaussian(200, 2);
        Tensor[] brownian = new Tensor[2], independent = new Tensor[2];
        int[] steps = {40, 80};
        for (int k = 0; k < 2; k++) {
            Grid grid = Grids.fromSigmasVe(sd, Grids.karrasSigmas(steps[k], 0.0292, 14.6146, 7, true));
            var solver = new DpmSolverPlusPlusSdeProvider().create(SolverConfig.of(grid, Prediction.EPSILON));
            Tensor x = xT.scale(grid.level(0).alpha() * grid.level(0).sigmaVe());
            brownian[k] = Sampler.sample(solver, denoiser, x, BrownianTreeNoise.seeded(11)).samples();
            independent[k] = Sampler.sample(solver, denoiser, x, NoiseSource.seeded(11)).samples();
        }
        double consistent = brownian[0].rmsDistance(brownian[1]), unrelated = independent[0].rmsDistance(independent[1]);
        assertThat(consistent).isLessThan(0.1 * unrelated);
    }
}
