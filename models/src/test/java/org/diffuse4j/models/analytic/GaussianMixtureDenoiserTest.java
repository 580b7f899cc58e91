package org.diffuse4j.models.analytic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.ShapeMismatchException;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.predict.Predictions;
import org.diffuse4j.api.schedule.Betas;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.api.schedule.RectifiedFlowSchedule;
import org.diffuse4j.api.schedule.VeSchedule;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GaussianMixtureDenoiserTest {
    private static final double[] WEIGHTS = {0.5, 0.3, 0.2};
    private static final double[][] MEANS = {{-1, 0.2}, {0.8, 0.9}, {0.5, -1.1}};
    private static final double[] STDS = {0.3, 0.5, 0.4};
    private static final GaussianMixture MIXTURE = new GaussianMixture(WEIGHTS, MEANS, STDS);

    static Stream<NoiseLevel> levels() {   // α, σ including both ends, VP and non-VP
        return Stream.of(NoiseLevel.of(0, 1, 0, 0), vp(0.1), vp(0.6), vp(0.95), NoiseLevel.of(0.3, 0.7, 0.3, 300),
                NoiseLevel.of(1, 0, 1, 1000));
    }

    private static NoiseLevel vp(double sigma) {
        return NoiseLevel.of(sigma, Math.sqrt(1 - sigma * sigma), sigma, sigma);
    }

    private static Tensor randomRows(int rows, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[rows * d];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextDouble(-2, 2);
        return Tensor.of(new int[] {rows, d}, v);
    }

    @ParameterizedTest
    @MethodSource("levels")
    void singleGaussianPosteriorMeanHasTheClosedForm(NoiseLevel level) {
        double[] mu = {0.4, -1.3, 2.0};
        double s = 0.6, a = level.alpha(), sig = level.sigma();
        Tensor x = randomRows(5, 3, 11);
        Tensor x0 = new GaussianMixtureDenoiser(GaussianMixture.single(mu, s), Prediction.DATA).predict(x, level, Conditioning.NONE);
        double gain = a * s * s / (a * a * s * s + sig * sig);   // E[x₀|x] = μ + α s²/(α² s² + σ²)(x − α μ)
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(x0.get(i, j)).isCloseTo(mu[j] + gain * (x.get(i, j) - a * mu[j]), within(1e-13));
            }
        }
    }

    static Stream<Arguments> quadratureCases() {
        List<Arguments> cases = new ArrayList<>();
        for (NoiseLevel level : List.of(vp(0.1), vp(0.6), vp(0.95), NoiseLevel.of(0.3, 0.7, 0.3, 300), NoiseLevel.of(1, 0, 1, 1000))) {
            for (double[] x : new double[][] {{0.1, 0.3}, {-1.2, 0.5}, {1.5, -0.8}}) cases.add(Arguments.of(level, x));
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("quadratureCases")
    void mixturePosteriorMeanMatchesNumericalQuadrature(NoiseLevel level, double[] x) {
        double[] expected = posteriorMeanByQuadrature(x, level.alpha(), level.sigma());
        Tensor x0 = new GaussianMixtureDenoiser(MIXTURE, Prediction.DATA).predict(Tensor.of(new double[][] {x}), level, Conditioning.NONE);
        assertThat(x0.get(0, 0)).isCloseTo(expected[0], within(1e-9));
        assertThat(x0.get(0, 1)).isCloseTo(expected[1], within(1e-9));
    }

    // E[x₀ | x] = ∫ x₀ p(x₀) N(x; α x₀, σ² I) dx₀ / ∫ p(x₀) N(x; α x₀, σ² I) dx₀ on a uniform grid over [−6, 6]²
    private static double[] posteriorMeanByQuadrature(double[] x, double alpha, double sigma) {
        double h = 0.02, num0 = 0, num1 = 0, den = 0;
        for (int i = 0; i <= 600; i++) {
            double u = -6 + i * h;
            for (int j = 0; j <= 600; j++) {
                double v = -6 + j * h, prior = 0;
                for (int k = 0; k < WEIGHTS.length; k++) {
                    double var = STDS[k] * STDS[k], du = u - MEANS[k][0], dv = v - MEANS[k][1];
                    prior += WEIGHTS[k] / (2 * Math.PI * var) * Math.exp(-(du * du + dv * dv) / (2 * var));
                }
                double ru = x[0] - alpha * u, rv = x[1] - alpha * v;
                double p = prior * Math.exp(-(ru * ru + rv * rv) / (2 * sigma * sigma));
                den += p;
                num0 += p * u;
                num1 += p * v;
            }
        }
        return new double[] {num0 / den, num1 / den};
    }

    static Stream<Arguments> targetsAndScheduleLevels() {
        List<NoiseLevel> levels = List.of(
                RectifiedFlowSchedule.standard().at(0.3),
                DiscreteVpSchedule.fromBetas(Betas.linear(1e-4, 0.02, 1000)).timestep(400),
                DiscreteVpSchedule.fromBetas(Betas.scaledLinear(0.00085, 0.012, 1000)).at(0.8),
                VpLinearSchedule.standard().at(0.5),
                VeSchedule.standard().at(0.5));
        List<Arguments> cases = new ArrayList<>();
        for (Prediction target : Prediction.values()) levels.forEach(level -> cases.add(Arguments.of(target, level)));
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("targetsAndScheduleLevels")
    void everyNativeTargetEqualsTheConvertedDataPrediction(Prediction target, NoiseLevel level) {
        GaussianMixture m = new GaussianMixture(new double[] {0.4, 0.35, 0.25},
                new double[][] {{1, 0, -0.5}, {-0.7, 0.6, 0.2}, {0.1, -1.2, 0.9}}, new double[] {0.2, 0.45, 0.3});
        Tensor x = randomRows(16, 3, 5);
        Tensor data = new GaussianMixtureDenoiser(m, Prediction.DATA).predict(x, level, Conditioning.NONE);
        GaussianMixtureDenoiser nativeDenoiser = new GaussianMixtureDenoiser(m, target);
        assertThat(nativeDenoiser.target()).isEqualTo(target);
        Tensor direct = nativeDenoiser.predict(x, level, Conditioning.NONE);
        assertThat(direct.maxAbsDistance(Predictions.convert(Prediction.DATA, target, x, data, level))).isLessThan(1e-10);
    }

    @Test
    void pureNoiseGivesThePriorMean() {
        Tensor x0 = new GaussianMixtureDenoiser(MIXTURE, Prediction.DATA).predict(randomRows(4, 2, 3), NoiseLevel.of(1, 0, 1, 1000), Conditioning.NONE);
        double[] priorMean = {0.5 * -1 + 0.3 * 0.8 + 0.2 * 0.5, 0.5 * 0.2 + 0.3 * 0.9 + 0.2 * -1.1};
        for (int i = 0; i < 4; i++) {
            assertThat(x0.get(i, 0)).isCloseTo(priorMean[0], within(1e-15));
            assertThat(x0.get(i, 1)).isCloseTo(priorMean[1], within(1e-15));
        }
    }

    @Test
    void cleanLevelReturnsTheInputWithZeroNoiseAndAFiniteScore() {
        NoiseLevel clean = NoiseLevel.of(0, 0.9, 0, 0);
        Tensor x = randomRows(4, 2, 4);
        assertThat(new GaussianMixtureDenoiser(MIXTURE, Prediction.DATA).predict(x, clean, Conditioning.NONE)
                .maxAbsDistance(x.scale(1 / 0.9))).isLessThan(1e-14);
        assertThat(new GaussianMixtureDenoiser(MIXTURE, Prediction.EPSILON).predict(x, clean, Conditioning.NONE).maxAbs()).isZero();
        GaussianMixture g = GaussianMixture.single(new double[] {0.3, -0.4}, 0.5);
        Tensor score = new GaussianMixtureDenoiser(g, Prediction.SCORE).predict(x, clean, Conditioning.NONE);
        for (int i = 0; i < 4; i++) {   // ∇ log N(x; α μ, α² s² I) = −(x − α μ)/(α² s²)
            assertThat(score.get(i, 0)).isCloseTo(-(x.get(i, 0) - 0.9 * 0.3) / (0.81 * 0.25), within(1e-12));
            assertThat(score.get(i, 1)).isCloseTo(-(x.get(i, 1) + 0.9 * 0.4) / (0.81 * 0.25), within(1e-12));
        }
    }

    @Test
    void staysFiniteFarFromEveryMode() {
        Tensor x = Tensor.of(new double[][] {{400, -300}});
        Tensor x0 = new GaussianMixtureDenoiser(MIXTURE, Prediction.DATA).predict(x, vp(0.01), Conditioning.NONE);
        assertThat(x0.isFinite()).isTrue();
    }

    @Test
    void classLabelsRestrictThePosteriorToThatComponent() {
        Tensor x = randomRows(3, 2, 8);
        NoiseLevel level = vp(0.6);
        Tensor conditioned = new GaussianMixtureDenoiser(MIXTURE, Prediction.DATA).predict(x, level, Conditioning.classes(2, 0, 1));
        for (int row = 0; row < 3; row++) {
            int k = new int[] {2, 0, 1}[row];
            Tensor expected = new GaussianMixtureDenoiser(GaussianMixture.single(MEANS[k], STDS[k]), Prediction.DATA)
                    .predict(x.row(row), level, Conditioning.NONE);
            assertThat(conditioned.row(row).maxAbsDistance(expected)).isLessThan(1e-15);
        }
    }

    @Test
    void rejectsLabelsOutsideTheComponents() {
        GaussianMixtureDenoiser d = new GaussianMixtureDenoiser(MIXTURE, Prediction.DATA);
        assertThatThrownBy(() -> d.predict(randomRows(2, 2, 1), vp(0.5), Conditioning.classes(3)))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("class:").hasMessageContaining("label 3");
        assertThatThrownBy(() -> d.predict(randomRows(2, 2, 1), vp(0.5), Conditioning.classes(0, 1, 2)))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("3 class labels for a batch of 2 rows");
    }

    @Test
    void rejectsRowsOfTheWrongSize() {
        assertThatThrownBy(() -> new GaussianMixtureDenoiser(MIXTURE, Prediction.EPSILON).predict(randomRows(2, 3, 1), vp(0.5), Conditioning.NONE))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("3 values per row").hasMessageContaining("dimension 2");
    }

    @Test
    void velocityNeedsTimeDerivatives() {
        assertThatThrownBy(() -> new GaussianMixtureDenoiser(MIXTURE, Prediction.VELOCITY).predict(randomRows(2, 2, 1), vp(0.5), Conditioning.NONE))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("dα/dt");
    }
}
