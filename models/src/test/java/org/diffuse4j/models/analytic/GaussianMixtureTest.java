package org.diffuse4j.models.analytic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.ShapeMismatchException;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.models.bench.BenchProblems;
import org.junit.jupiter.api.Test;

class GaussianMixtureTest {
    private static final GaussianMixture THREE = new GaussianMixture(new double[] {0.5, 0.3, 0.2},
            new double[][] {{-1, 0.2}, {0.8, 0.9}, {0.5, -1.1}}, new double[] {0.3, 0.5, 0.4});

    @Test
    void rejectsWeightsThatDoNotSumToOne() {
        assertThatThrownBy(() -> new GaussianMixture(new double[] {0.5, 0.6}, new double[][] {{0}, {1}}, new double[] {1, 1}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("weights:").hasMessageContaining("sum to 1");
    }

    @Test
    void rejectsNonPositiveWeights() {
        assertThatThrownBy(() -> new GaussianMixture(new double[] {1.5, -0.5}, new double[][] {{0}, {1}}, new double[] {1, 1}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("weights:").hasMessageContaining("weights[1] = -0.5");
    }

    @Test
    void rejectsMeansOfUnequalDimension() {
        assertThatThrownBy(() -> new GaussianMixture(new double[] {0.5, 0.5}, new double[][] {{0, 0}, {1}}, new double[] {1, 1}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("means:").hasMessageContaining("means[1] has 1");
    }

    @Test
    void rejectsNonPositiveStds() {
        assertThatThrownBy(() -> GaussianMixture.single(new double[] {0}, 0))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("stds:").hasMessageContaining("stds[0] = 0.0");
    }

    @Test
    void copiesArraysInAndOut() {
        double[] weights = {0.5, 0.5};
        double[][] means = {{0, 0}, {1, 1}};
        GaussianMixture m = new GaussianMixture(weights, means, new double[] {1, 2});
        weights[0] = 7;
        means[1][0] = 7;
        m.means()[0][0] = 7;
        m.stds()[0] = 7;
        assertThat(m.weights()).containsExactly(0.5, 0.5);
        assertThat(m.means()).isDeepEqualTo(new double[][] {{0, 0}, {1, 1}});
        assertThat(m.stds()).containsExactly(1, 2);
        assertThat(m).isEqualTo(new GaussianMixture(new double[] {0.5, 0.5}, new double[][] {{0, 0}, {1, 1}}, new double[] {1, 2}));
        assertThat(m.components()).isEqualTo(2);
        assertThat(m.dimension()).isEqualTo(2);
    }

    @Test
    void logDensityOfSingleGaussianIsTheNormalDensity() {
        GaussianMixture g = GaussianMixture.single(new double[] {1, -2, 0.5}, 0.7);
        double[] x = {0.3, -1.1, 2.0};
        double r2 = 0.7 * 0.7 + 0.9 * 0.9 + 1.5 * 1.5, v = 0.49;
        assertThat(g.logDensity(x)).isCloseTo(-1.5 * Math.log(2 * Math.PI * v) - r2 / (2 * v), within(1e-13));
    }

    @Test
    void densityIntegratesToOne() {
        double h = 0.02, total = 0;   // rectangle rule: spectrally accurate for a smooth density decaying at the edges
        for (int i = 0; i <= 600; i++) {
            for (int j = 0; j <= 600; j++) total += Math.exp(THREE.logDensity(new double[] {-6 + i * h, -6 + j * h})) * h * h;
        }
        assertThat(total).isCloseTo(1, within(1e-9));
    }

    @Test
    void logDensityRejectsWrongDimension() {
        assertThatThrownBy(() -> THREE.logDensity(new double[] {1, 2, 3}))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("dimension 2");
    }

    @Test
    void samplesAreDeterministicInTheSeed() {
        assertThat(THREE.sample(100, 42)).isEqualTo(THREE.sample(100, 42));
        assertThat(THREE.sample(100, 42)).isNotEqualTo(THREE.sample(100, 43));
        assertThat(THREE.sample(100, 42).shape()).containsExactly(100, 2);
        assertThatThrownBy(() -> THREE.sample(0, 1)).isInstanceOf(ConfigurationException.class).hasMessageStartingWith("n:");
    }

    @Test
    void ringSamplesLieAtRayleighDistanceFromTheNearestMode() {
        GaussianMixture ring = BenchProblems.load(BenchProblems.locate()).mixture("gmm2d-ring");
        int n = 20_000;
        Tensor x = ring.sample(n, 2024);
        double sum = 0, sumSq = 0;
        for (int i = 0; i < n; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k < 8; k++) {
                double angle = 2 * Math.PI * k / 8;
                best = Math.min(best, Math.hypot(x.get(i, 0) - Math.cos(angle), x.get(i, 1) - Math.sin(angle)));
            }
            sum += best;
            sumSq += best * best;
        }
        double mean = sum / n, sd = Math.sqrt((sumSq - n * mean * mean) / (n - 1));
        // |x − μ| of N(μ, s² I) in 2-D is Rayleigh(s), mean s √(π/2) = 0.1003 for s = 0.08
        assertThat(mean).isCloseTo(0.08 * Math.sqrt(Math.PI / 2), within(3 * sd / Math.sqrt(n)));
    }

    @Test
    void componentFrequenciesMatchTheWeights() {
        GaussianMixture separated = new GaussianMixture(new double[] {0.5, 0.3, 0.2},
                new double[][] {{-10, 0}, {0, 10}, {10, 0}}, new double[] {0.5, 0.5, 0.5});
        int n = 50_000;
        Tensor x = separated.sample(n, 99);
        int[] counts = new int[3];
        for (int i = 0; i < n; i++) counts[x.get(i, 0) < -5 ? 0 : x.get(i, 0) > 5 ? 2 : 1]++;
        double[] pi = {0.5, 0.3, 0.2};
        for (int k = 0; k < 3; k++) {
            assertThat((double) counts[k] / n).isCloseTo(pi[k], within(4 * Math.sqrt(pi[k] * (1 - pi[k]) / n)));
        }
    }
}
