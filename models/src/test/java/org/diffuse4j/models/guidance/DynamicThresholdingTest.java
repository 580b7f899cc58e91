package org.diffuse4j.models.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.diffuse4j.models.guidance.ClassifierFreeGuidanceTest.assertField;

import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.predict.Predictions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DynamicThresholdingTest {
    // rows of x̂₀; sorted |row 0| = [0.5, 1, 2, 3, 4], row 1 stays inside [−1, 1]
    private static final double[][] X0 = {{-3, 0.5, 2, -1, 4}, {0.2, -0.5, 0.1, 0.3, -0.4}};
    private static final NoiseLevel LEVEL = NoiseLevel.of(0.4, 0.8, 0.6, 400);

    /** Answers in {@code target} with the prediction whose x̂₀ is {@link #X0} at (x, level). */
    private record Fixed(Prediction target) implements Denoiser {
        @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning conditioning) {
            return Predictions.convert(Prediction.DATA, target, x, Tensor.of(X0), level);
        }
    }

    private static final Tensor X = Tensor.of(new double[][] {{0.3, -0.2, 1.1, 0.7, -0.9}, {0.0, 0.4, -0.6, 1.2, 0.5}});

    @Test
    void matchesAHandComputedQuantile() {
        // p = 0.6: position 0.6·(5 − 1) = 2.4 → 2 + 0.4·(3 − 2) = 2.4 (torch.quantile, linear); row 1: quantile < 1 → s = 1
        Tensor out = new DynamicThresholding(new Fixed(Prediction.DATA), 0.6, 10).predict(X, LEVEL, Conditioning.NONE);
        double[] row0 = {-1, 0.5 / 2.4, 2 / 2.4, -1 / 2.4, 1};
        for (int j = 0; j < 5; j++) {
            assertThat(out.get(0, j)).isCloseTo(row0[j], within(1e-15));
            assertThat(out.get(1, j)).isCloseTo(X0[1][j], within(1e-15));
        }
    }

    @Test
    void aMaxValueBelowOneIsTheThreshold() {
        // torch.clamp(q, min=1, max=0.5) = 0.5 whatever q: x̂₀ clipped to ±0.5, then divided by 0.5
        Tensor out = new DynamicThresholding(new Fixed(Prediction.DATA), 0.6, 0.5).predict(X, LEVEL, Conditioning.NONE);
        for (int r = 0; r < 2; r++) {
            for (int j = 0; j < 5; j++) {
                assertThat(out.get(r, j)).isCloseTo(Math.max(-0.5, Math.min(0.5, X0[r][j])) / 0.5, within(1e-15));
            }
        }
    }

    @Test
    void defaultRatioInterpolatesBetweenTheTopTwoValues() {
        // p = 0.995: position 3.98 → 3 + 0.98·(4 − 3) = 3.98
        Tensor out = new DynamicThresholding(new Fixed(Prediction.DATA), DynamicThresholding.DEFAULT_RATIO, 10)
                .predict(X, LEVEL, Conditioning.NONE);
        double[] row0 = {-3 / 3.98, 0.5 / 3.98, 2 / 3.98, -1 / 3.98, 1};
        for (int j = 0; j < 5; j++) assertThat(out.get(0, j)).isCloseTo(row0[j], within(1e-15));
    }

    @Test
    void thresholdIsCappedAtSampleMaxValue() {
        // quantile 2.4 capped at 2: clamp to [−2, 2], divide by 2
        Tensor out = new DynamicThresholding(new Fixed(Prediction.DATA), 0.6, 2).predict(X, LEVEL, Conditioning.NONE);
        double[] row0 = {-1, 0.25, 1, -0.5, 1};
        for (int j = 0; j < 5; j++) assertThat(out.get(0, j)).isCloseTo(row0[j], within(1e-15));
    }

    @ParameterizedTest
    @EnumSource(value = Prediction.class, names = {"EPSILON", "V", "SCORE"})
    void otherTargetsAreRecomputedFromTheCorrectedX0(Prediction target) {
        Tensor out = new DynamicThresholding(new Fixed(target), 0.6, 10).predict(X, LEVEL, Conditioning.NONE);
        double a = LEVEL.alpha(), s = LEVEL.sigma();
        double[] row0 = {-1, 0.5 / 2.4, 2 / 2.4, -1 / 2.4, 1};
        for (int j = 0; j < 5; j++) {
            double x0 = row0[j], eps = (X.get(0, j) - a * x0) / s;   // ε = (x − α x̂₀)/σ
            double expected = switch (target) {
                case EPSILON -> eps;
                case V -> a * eps - s * x0;
                case SCORE -> -eps / s;
                default -> throw new IllegalStateException();
            };
            assertThat(out.get(0, j)).isCloseTo(expected, within(1e-12));
        }
        assertThat(new DynamicThresholding(new Fixed(target), 0.6, 10).target()).isEqualTo(target);
    }

    @Test
    void epsilonAtCleanDataPassesUnchanged() {
        Denoiser eps = new Denoiser() {
            @Override public Prediction target() { return Prediction.EPSILON; }
            @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning conditioning) { return x.scale(0.5); }
        };
        NoiseLevel clean = NoiseLevel.clean(0, 0);
        assertThat(new DynamicThresholding(eps, 0.6, 10).predict(X.scale(3), clean, Conditioning.NONE)).isEqualTo(X.scale(1.5));
    }

    @Test
    void rejectsBadConfigurationNamingTheField() {
        Denoiser model = new Fixed(Prediction.DATA);
        assertField(() -> new DynamicThresholding(model, 0, 1), "dynamic_thresholding_ratio");
        assertField(() -> new DynamicThresholding(model, 1.2, 1), "dynamic_thresholding_ratio");
        assertField(() -> new DynamicThresholding(model, Double.NaN, 1), "dynamic_thresholding_ratio");
        assertField(() -> new DynamicThresholding(model, 0.995, 0), "sample_max_value");
        assertField(() -> new DynamicThresholding(model, 0.995, -1), "sample_max_value");
        assertField(() -> new DynamicThresholding(model, 0.995, Double.NaN), "sample_max_value");
        assertField(() -> new DynamicThresholding(null, 0.995, 1), "model");
    }
}
