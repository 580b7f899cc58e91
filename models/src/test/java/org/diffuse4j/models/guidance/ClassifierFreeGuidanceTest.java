package org.diffuse4j.models.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
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
import org.junit.jupiter.params.provider.ValueSource;

class ClassifierFreeGuidanceTest {
    private static final double[] WEIGHTS = {0.5, 0.3, 0.2};
    private static final double[][] MEANS = {{-1, 0.2}, {0.8, 0.9}, {0.5, -1.1}};
    private static final double[] STDS = {0.3, 0.5, 0.4};
    private static final GaussianMixture MIXTURE = new GaussianMixture(WEIGHTS, MEANS, STDS);
    private static final int NULL = 3;
    private static final int[] LABELS = {0, 2, 1, 2, NULL};
    private static final NoiseLevel LEVEL = vp(0.6);

    private static NoiseLevel vp(double sigma) {
        return NoiseLevel.of(sigma, Math.sqrt(1 - sigma * sigma), sigma, sigma);
    }

    private static Tensor randomRows(int rows, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[rows * d];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextDouble(-2, 2);
        return Tensor.of(new int[] {rows, d}, v);
    }

    private static Denoiser exact(Prediction target) {
        return new NullClassDenoiser(new GaussianMixtureDenoiser(MIXTURE, target), NULL);
    }

    /** ε_c = σ (x − α μ_k)/c_k for a label k, the marginal ε_u = Σ_j w_j σ (x − α μ_j)/c_j for the null class. */
    private static double[] exactEpsilon(double[] x, int label, NoiseLevel level) {
        double a = level.alpha(), s = level.sigma();
        int d = x.length, K = WEIGHTS.length;
        double[] c = new double[K], logw = new double[K];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < K; k++) {
            c[k] = a * a * STDS[k] * STDS[k] + s * s;
            double r2 = 0;
            for (int j = 0; j < d; j++) r2 += Math.pow(x[j] - a * MEANS[k][j], 2);
            logw[k] = Math.log(WEIGHTS[k]) - 0.5 * d * Math.log(2 * Math.PI * c[k]) - r2 / (2 * c[k]);
            max = Math.max(max, logw[k]);
        }
        double[] w = new double[K];
        double sum = 0;
        for (int k = 0; k < K; k++) sum += w[k] = Math.exp(logw[k] - max);
        for (int k = 0; k < K; k++) w[k] = label == NULL ? w[k] / sum : (k == label ? 1 : 0);
        double[] eps = new double[d];
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < K; k++) eps[j] += w[k] * s * (x[j] - a * MEANS[k][j]) / c[k];
        }
        return eps;
    }

    static Stream<Arguments> guidedCases() {
        return Stream.of(Prediction.EPSILON, Prediction.DATA, Prediction.V, Prediction.SCORE).flatMap(t ->
                Stream.of(0.0, 0.5, 1.0, 2.5, 7.5).flatMap(w ->
                        Stream.of(vp(0.1), vp(0.6), vp(0.95)).map(level -> Arguments.of(t, w, level))));
    }

    @ParameterizedTest
    @MethodSource("guidedCases")
    void guidedEpsilonOfTheExactMixtureIsTheClosedForm(Prediction target, double w, NoiseLevel level) {
        Tensor x = randomRows(LABELS.length, 2, 5);
        Tensor out = new ClassifierFreeGuidance(exact(target), NULL, w).predict(x, level, Conditioning.classes(LABELS));
        Tensor eps = Predictions.convert(target, Prediction.EPSILON, x, out, level);
        for (int r = 0; r < x.rows(); r++) {
            double[] c = exactEpsilon(x.rowValues(r), LABELS[r], level), u = exactEpsilon(x.rowValues(r), NULL, level);
            for (int j = 0; j < 2; j++) {
                assertThat(eps.get(r, j)).as("row %d, value %d", r, j).isCloseTo(u[j] + w * (c[j] - u[j]), within(1e-10));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"EPSILON", "DATA", "V"})
    void scaleZeroIsTheUnconditionalModel(Prediction target) {
        Tensor x = randomRows(4, 2, 6);
        Tensor guided = new ClassifierFreeGuidance(exact(target), NULL, 0).predict(x, LEVEL, Conditioning.classes(0, 1, 2, 1));
        Tensor unconditional = new GaussianMixtureDenoiser(MIXTURE, target).predict(x, LEVEL, Conditioning.NONE);
        assertThat(guided.maxAbsDistance(unconditional)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"EPSILON", "DATA", "V"})
    void scaleOneIsTheConditionalModel(Prediction target) {
        Tensor x = randomRows(4, 2, 7);
        Conditioning labels = Conditioning.classes(0, 1, 2, 1);
        Tensor guided = new ClassifierFreeGuidance(exact(target), NULL, 1).withRescale(0.7).predict(x, LEVEL, labels);
        Tensor conditional = new GaussianMixtureDenoiser(MIXTURE, target).predict(x, LEVEL, labels);
        assertThat(guided.maxAbsDistance(conditional)).isZero();
    }

    @Test
    void makesExactlyOneInnerCallWithConditionalThenNullRows() {
        CountingDenoiser inner = new CountingDenoiser(exact(Prediction.EPSILON));
        Tensor x = randomRows(4, 2, 8);
        new ClassifierFreeGuidance(inner, NULL, 3).predict(x, LEVEL, Conditioning.classes(2, 0, 1, 2));
        assertThat(inner.calls()).hasSize(1);
        assertThat(inner.calls().get(0).rows()).isEqualTo(8);
        assertThat(inner.calls().get(0).conditioning().labels()).hasValue(new int[] {2, 0, 1, 2, NULL, NULL, NULL, NULL});
    }

    @Test
    void oneLabelForTheBatchIsRepeatedPerRow() {
        CountingDenoiser inner = new CountingDenoiser(exact(Prediction.EPSILON));
        Tensor x = randomRows(3, 2, 9);
        Tensor one = new ClassifierFreeGuidance(inner, NULL, 3).predict(x, LEVEL, Conditioning.classes(1));
        Tensor perRow = new ClassifierFreeGuidance(exact(Prediction.EPSILON), NULL, 3).predict(x, LEVEL, Conditioning.classes(1, 1, 1));
        assertThat(inner.calls()).singleElement().satisfies(c -> {
            assertThat(c.rows()).isEqualTo(6);
            assertThat(c.conditioning().labels()).hasValue(new int[] {1, 1, 1, NULL, NULL, NULL});
        });
        assertThat(one).isEqualTo(perRow);
    }

    @Test
    void scalesZeroAndOneNeedOnlyOneHalfOfTheBatch() {
        Tensor x = randomRows(3, 2, 10);
        CountingDenoiser zero = new CountingDenoiser(exact(Prediction.EPSILON));
        new ClassifierFreeGuidance(zero, NULL, 0).predict(x, LEVEL, Conditioning.classes(0, 1, 2));
        assertThat(zero.calls()).singleElement().satisfies(c -> {
            assertThat(c.rows()).isEqualTo(3);
            assertThat(c.conditioning().labels()).hasValue(new int[] {NULL, NULL, NULL});
        });
        CountingDenoiser one = new CountingDenoiser(exact(Prediction.EPSILON));
        new ClassifierFreeGuidance(one, NULL, 1).predict(x, LEVEL, Conditioning.classes(0, 1, 2));
        assertThat(one.calls()).singleElement().satisfies(c -> {
            assertThat(c.rows()).isEqualTo(3);
            assertThat(c.conditioning().labels()).hasValue(new int[] {0, 1, 2});
        });
        CountingDenoiser zeroRescaled = new CountingDenoiser(exact(Prediction.EPSILON));
        new ClassifierFreeGuidance(zeroRescaled, NULL, 0).withRescale(0.5).predict(x, LEVEL, Conditioning.classes(0, 1, 2));
        assertThat(zeroRescaled.calls()).singleElement().satisfies(c -> assertThat(c.rows()).isEqualTo(6));
    }

    @Test
    void targetIsTheWrappedModels() {
        for (Prediction t : Prediction.values()) {
            assertThat(new ClassifierFreeGuidance(exact(t), NULL, 2).target()).isEqualTo(t);
        }
    }

    private static double rowStd(Tensor t, int row) {
        double[] v = t.rowValues(row);
        double mean = 0;
        for (double a : v) mean += a / v.length;
        double ss = 0;
        for (double a : v) ss += (a - mean) * (a - mean);
        return Math.sqrt(ss / (v.length - 1));   // torch.std's default (Bessel-corrected)
    }

    @Test
    void rescaleZeroIsPlainGuidance() {
        Tensor x = randomRows(6, 5, 11);
        Denoiser inner = new GaussianMixtureDenoiser(ring5d(), Prediction.EPSILON);
        Conditioning labels = Conditioning.classes(0, 1, 2, 0, 1, 2);
        ClassifierFreeGuidance plain = new ClassifierFreeGuidance(new NullClassDenoiser(inner, NULL), NULL, 7.5);
        assertThat(plain.withRescale(0).predict(x, LEVEL, labels)).isEqualTo(plain.predict(x, LEVEL, labels));
    }

    @ParameterizedTest
    @ValueSource(strings = {"EPSILON", "V", "DATA"})
    void rescaleOneMatchesTheConditionalStdPerRow(Prediction target) {
        Tensor x = randomRows(6, 5, 12);
        Denoiser inner = new GaussianMixtureDenoiser(ring5d(), target);
        Conditioning labels = Conditioning.classes(0, 1, 2, 0, 1, 2);
        Tensor out = new ClassifierFreeGuidance(new NullClassDenoiser(inner, NULL), NULL, 7.5).withRescale(1).predict(x, LEVEL, labels);
        Tensor conditional = inner.predict(x, LEVEL, labels);
        for (int r = 0; r < x.rows(); r++) {
            assertThat(rowStd(out, r)).as("row %d", r).isCloseTo(rowStd(conditional, r), within(1e-12));
        }
    }

    @Test
    void partialRescaleMixesAsAlgorithm2OfLinEtAl() {
        Tensor x = randomRows(4, 5, 13);
        Denoiser inner = new GaussianMixtureDenoiser(ring5d(), Prediction.V);
        Conditioning labels = Conditioning.classes(2, 0, 1, 1);
        double w = 5, phi = 0.7;
        Tensor out = new ClassifierFreeGuidance(new NullClassDenoiser(inner, NULL), NULL, w).withRescale(phi).predict(x, LEVEL, labels);
        Tensor c = inner.predict(x, LEVEL, labels), u = inner.predict(x, LEVEL, Conditioning.NONE);
        for (int r = 0; r < x.rows(); r++) {
            double[] g = new double[5];
            for (int j = 0; j < 5; j++) g[j] = u.get(r, j) + w * (c.get(r, j) - u.get(r, j));
            Tensor gRow = Tensor.of(new int[] {1, 5}, g);
            double factor = phi * rowStd(c, r) / rowStd(gRow, 0) + (1 - phi);   // cfg · (φ std_pos/std_cfg + 1 − φ)
            for (int j = 0; j < 5; j++) assertThat(out.get(r, j)).isCloseTo(g[j] * factor, within(1e-12));
        }
    }

    // three well-separated components in 5 dimensions, so per-row standard deviations are meaningful
    private static GaussianMixture ring5d() {
        return new GaussianMixture(new double[] {0.4, 0.35, 0.25},
                new double[][] {{1, -1, 0.5, 0, 2}, {-1.5, 0.3, 0, 1, -0.5}, {0.2, 1.2, -1, -2, 0.4}}, new double[] {0.3, 0.2, 0.5});
    }

    @Test
    void rejectsBadConfigurationNamingTheField() {
        Denoiser inner = exact(Prediction.EPSILON);
        assertField(() -> new ClassifierFreeGuidance(inner, NULL, -0.5), "guidance_scale");
        assertField(() -> new ClassifierFreeGuidance(inner, NULL, Double.NaN), "guidance_scale");
        assertField(() -> new ClassifierFreeGuidance(inner, NULL, Double.POSITIVE_INFINITY), "guidance_scale");
        assertField(() -> new ClassifierFreeGuidance(inner, -1, 3), "null_class");
        assertField(() -> new ClassifierFreeGuidance(null, NULL, 3), "conditional");
        assertField(() -> new ClassifierFreeGuidance(inner, NULL, 3).withRescale(-0.1), "guidance_rescale");
        assertField(() -> new ClassifierFreeGuidance(inner, NULL, 3).withRescale(1.5), "guidance_rescale");
        assertField(() -> new ClassifierFreeGuidance(inner, NULL, 3).withRescale(Double.NaN), "guidance_rescale");
        assertField(() -> new ClassifierFreeGuidance(inner, NULL, 3).predict(randomRows(2, 2, 1), LEVEL, Conditioning.NONE), "class");
    }

    static void assertField(Runnable r, String field) {
        assertThatThrownBy(r::run).isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).field()).isEqualTo(field))
                .hasMessageStartingWith(field + ":");
    }
}
