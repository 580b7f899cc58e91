package org.diffuse4j.models.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.diffuse4j.models.guidance.ClassifierFreeGuidanceTest.assertField;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.predict.Predictions;
import org.diffuse4j.models.analytic.GaussianMixture;
import org.diffuse4j.models.analytic.GaussianMixtureDenoiser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClassifierGuidanceTest {
    private static final double[] WEIGHTS = {0.5, 0.3, 0.2};
    private static final double[][] MEANS = {{-1, 0.2}, {0.8, 0.9}, {0.5, -1.1}};
    private static final double[] STDS = {0.3, 0.5, 0.4};
    private static final GaussianMixture MIXTURE = new GaussianMixture(WEIGHTS, MEANS, STDS);

    private static NoiseLevel vp(double sigma) {
        return NoiseLevel.of(sigma, Math.sqrt(1 - sigma * sigma), sigma, sigma);
    }

    /** log p(k | x_t) = log π_k + log N(x; α μ_k, c_k I) − log p_t(x), from the densities of the noisy mixture. */
    private static double logPosterior(int k, double[] x, NoiseLevel level) {
        double a = level.alpha(), s = level.sigma();
        double[][] means = new double[WEIGHTS.length][];
        double[] stds = new double[WEIGHTS.length];
        for (int j = 0; j < WEIGHTS.length; j++) {
            means[j] = new double[] {a * MEANS[j][0], a * MEANS[j][1]};
            stds[j] = Math.sqrt(a * a * STDS[j] * STDS[j] + s * s);
        }
        double component = GaussianMixture.single(means[k], stds[k]).logDensity(x);
        return Math.log(WEIGHTS[k]) + component - new GaussianMixture(WEIGHTS, means, stds).logDensity(x);
    }

    private static double[] finiteDifferenceGradient(int k, double[] x, NoiseLevel level) {
        double h = 1e-5;
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] plus = x.clone(), minus = x.clone();
            plus[i] += h;
            minus[i] -= h;
            g[i] = (logPosterior(k, plus, level) - logPosterior(k, minus, level)) / (2 * h);   // central difference, O(h²)
        }
        return g;
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Prediction target : List.of(Prediction.SCORE, Prediction.EPSILON, Prediction.DATA, Prediction.V)) {
            for (NoiseLevel level : List.of(vp(0.05), vp(0.3), vp(0.6), vp(0.95), NoiseLevel.of(0.3, 0.7, 0.3, 300))) {
                out.add(Arguments.of(target, level));
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void scoreCorrectionIsScaleTimesTheFiniteDifferenceGradientOfLogPosterior(Prediction target, NoiseLevel level) {
        SplittableRandom rng = new SplittableRandom(21);
        int rows = 6;
        double[][] points = new double[rows][];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            points[r] = new double[] {rng.nextDouble(-1.5, 1.5), rng.nextDouble(-1.5, 1.5)};
            labels[r] = r % 3;
        }
        Tensor x = Tensor.of(points);
        double scale = 2.5;
        GaussianMixtureDenoiser model = new GaussianMixtureDenoiser(MIXTURE, target);
        Tensor guided = new ClassifierGuidance(model, MIXTURE, scale).predict(x, level, Conditioning.classes(labels));
        Tensor guidedScore = Predictions.convert(target, Prediction.SCORE, x, guided, level);
        Tensor score = Predictions.convert(target, Prediction.SCORE, x, model.predict(x, level, Conditioning.NONE), level);
        for (int r = 0; r < rows; r++) {
            double[] expected = finiteDifferenceGradient(labels[r], points[r], level);
            for (int i = 0; i < 2; i++) {
                double gradient = (guidedScore.get(r, i) - score.get(r, i)) / scale;
                assertThat(gradient).as("row %d (class %d), value %d", r, labels[r], i).isCloseTo(expected[i], within(1e-6));
            }
        }
    }

    @Test
    void oneLabelForTheBatchEqualsTheSameLabelPerRow() {
        Tensor x = Tensor.of(new double[][] {{0.1, 0.2}, {-0.7, 1.1}, {1.3, -0.4}});
        ClassifierGuidance g = new ClassifierGuidance(new GaussianMixtureDenoiser(MIXTURE, Prediction.EPSILON), MIXTURE, 4);
        assertThat(g.predict(x, vp(0.5), Conditioning.classes(2))).isEqualTo(g.predict(x, vp(0.5), Conditioning.classes(2, 2, 2)));
    }

    @Test
    void callsTheWrappedModelOnceUnconditionally() {
        CountingDenoiser inner = new CountingDenoiser(new GaussianMixtureDenoiser(MIXTURE, Prediction.DATA));
        new ClassifierGuidance(inner, MIXTURE, 3).predict(Tensor.of(new double[][] {{0.1, 0.2}, {-0.7, 1.1}}), vp(0.5),
                Conditioning.classes(1, 0));
        assertThat(inner.calls()).singleElement().satisfies(c -> {
            assertThat(c.rows()).isEqualTo(2);
            assertThat(c.conditioning().isNone()).isTrue();
        });
    }

    @Test
    void scaleZeroAndTheEndsOfTheScheduleLeaveThePredictionUnchanged() {
        Tensor x = Tensor.of(new double[][] {{0.1, 0.2}, {-0.7, 1.1}});
        Conditioning labels = Conditioning.classes(1, 2);
        GaussianMixtureDenoiser data = new GaussianMixtureDenoiser(MIXTURE, Prediction.DATA);
        NoiseLevel mid = vp(0.5), clean = NoiseLevel.clean(0, 0), noise = NoiseLevel.of(1, 0, 1, 1000);
        assertThat(new ClassifierGuidance(data, MIXTURE, 0).predict(x, mid, labels)).isEqualTo(data.predict(x, mid, Conditioning.NONE));
        assertThat(new ClassifierGuidance(data, MIXTURE, 3).predict(x, clean, labels)).isEqualTo(data.predict(x, clean, Conditioning.NONE));
        assertThat(new ClassifierGuidance(data, MIXTURE, 3).predict(x, noise, labels)).isEqualTo(data.predict(x, noise, Conditioning.NONE));
        GaussianMixtureDenoiser eps = new GaussianMixtureDenoiser(MIXTURE, Prediction.EPSILON);
        assertThat(new ClassifierGuidance(eps, MIXTURE, 3).predict(x, clean, labels).isFinite()).isTrue();
    }

    @Test
    void rejectsBadConfigurationNamingTheField() {
        GaussianMixtureDenoiser model = new GaussianMixtureDenoiser(MIXTURE, Prediction.EPSILON);
        Tensor x = Tensor.of(new double[][] {{0.1, 0.2}});
        assertField(() -> new ClassifierGuidance(model, MIXTURE, -1), "guidance_scale");
        assertField(() -> new ClassifierGuidance(model, MIXTURE, Double.NaN), "guidance_scale");
        assertField(() -> new ClassifierGuidance(model, MIXTURE, Double.POSITIVE_INFINITY), "guidance_scale");
        assertField(() -> new ClassifierGuidance(null, MIXTURE, 1), "model");
        assertField(() -> new ClassifierGuidance(model, null, 1), "classifier");
        assertField(() -> new ClassifierGuidance(model, MIXTURE, 1).predict(x, vp(0.5), Conditioning.NONE), "class");
        assertField(() -> new ClassifierGuidance(model, MIXTURE, 1).predict(x, vp(0.5), Conditioning.classes(3)), "class");
    }
}
