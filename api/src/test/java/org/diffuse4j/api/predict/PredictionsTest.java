package org.diffuse4j.api.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.stream.Stream;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.schedule.VeSchedule;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PredictionsTest {
    /** α = 0.6, σ = 0.8 with the time derivatives of the linear-β VP schedule at that log-SNR. */
    static NoiseLevel vpLevel() {
        VpLinearSchedule schedule = VpLinearSchedule.standard();
        double t = schedule.tOfLambda(Math.log(0.6 / 0.8));
        double dLogAlpha = schedule.dAlpha(t) / schedule.alpha(t);
        double dAlpha = 0.6 * dLogAlpha;
        double dSigma = -0.6 * dAlpha / 0.8; // α α′ + σ σ′ = 0 for a VP schedule
        return new NoiseLevel(t, 0.6, 0.8, dAlpha, dSigma, t);
    }

    /** VE level with σ = 2 and its derivative from σ(t) = σ_min (σ_max/σ_min)^t. */
    static NoiseLevel veLevel() {
        VeSchedule schedule = VeSchedule.standard();
        double t = Math.log(2 / 0.01) / Math.log(50 / 0.01);
        return schedule.at(t);
    }

    /** Rectified flow at t = 0.3: α = 0.7, σ = 0.3, α′ = −1, σ′ = 1. */
    static NoiseLevel rfLevel() {
        return new NoiseLevel(0.3, 0.7, 0.3, -1, 1, 300);
    }

    static Stream<Arguments> levels() {
        return Stream.of(Arguments.of("vp", vpLevel()), Arguments.of("ve", veLevel()), Arguments.of("rf", rfLevel()));
    }

    private static Tensor gaussian(Random rng) {
        double[] d = new double[12];
        for (int i = 0; i < d.length; i++) d[i] = rng.nextGaussian();
        return Tensor.of(new int[] {3, 4}, d);
    }

    @Test
    void testLevelsAreWhatTheyClaim() {
        NoiseLevel vp = vpLevel();
        assertThat(VpLinearSchedule.standard().alpha(vp.t())).isCloseTo(0.6, within(1e-12));
        assertThat(vp.dAlpha()).isNegative();
        assertThat(vp.dSigma()).isPositive();
        NoiseLevel ve = veLevel();
        assertThat(ve.alpha()).isEqualTo(1.0);
        assertThat(ve.sigma()).isCloseTo(2.0, within(1e-12));
        assertThat(ve.dAlpha()).isEqualTo(0.0);
        assertThat(ve.dSigma()).isCloseTo(2 * Math.log(5000), within(1e-10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("levels")
    void everyOrderedPairRoundTrips(String name, NoiseLevel level) {
        Random rng = new Random(11);
        Tensor x = gaussian(rng);
        Tensor value = gaussian(rng);
        for (Prediction a : Prediction.values()) {
            for (Prediction b : Prediction.values()) {
                Tensor there = Predictions.convert(a, b, x, value, level);
                Tensor back = Predictions.convert(b, a, x, there, level);
                assertThat(back.maxAbsDistance(value)).as("%s → %s → %s at %s", a, b, a, name).isLessThan(1e-12);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("levels")
    void conversionsMatchTheDefinitionsFromKnownDataAndNoise(String name, NoiseLevel level) {
        Random rng = new Random(12);
        Tensor x0 = gaussian(rng), eps = gaussian(rng);
        double a = level.alpha(), s = level.sigma(), da = level.dAlpha(), ds = level.dSigma();
        double[] x = new double[12], v = new double[12], score = new double[12], velocity = new double[12];
        for (int i = 0; i < 12; i++) {
            x[i] = a * x0.get(i) + s * eps.get(i);
            v[i] = a * eps.get(i) - s * x0.get(i);
            score[i] = -eps.get(i) / s;
            velocity[i] = da * x0.get(i) + ds * eps.get(i);
        }
        Tensor xt = Tensor.of(new int[] {3, 4}, x);
        Tensor[] expected = new Tensor[Prediction.values().length];
        expected[Prediction.EPSILON.ordinal()] = eps;
        expected[Prediction.DATA.ordinal()] = x0;
        expected[Prediction.V.ordinal()] = Tensor.of(new int[] {3, 4}, v);
        expected[Prediction.SCORE.ordinal()] = Tensor.of(new int[] {3, 4}, score);
        expected[Prediction.VELOCITY.ordinal()] = Tensor.of(new int[] {3, 4}, velocity);
        for (Prediction from : Prediction.values()) {
            for (Prediction to : Prediction.values()) {
                Tensor got = Predictions.convert(from, to, xt, expected[from.ordinal()], level);
                double scale = Math.max(1, expected[to.ordinal()].maxAbs());
                assertThat(got.maxAbsDistance(expected[to.ordinal()]) / scale)
                        .as("%s → %s at %s", from, to, name).isLessThan(1e-12);
            }
        }
    }

    @Test
    void rectifiedFlowVelocityIsNoiseMinusData() {
        NoiseLevel level = rfLevel();
        Tensor x0 = Tensor.of(new int[] {1, 2}, new double[] {1.5, -2});
        Tensor eps = Tensor.of(new int[] {1, 2}, new double[] {0.25, 0.5});
        Tensor x = Tensor.combine(0.7, x0, 0.3, eps);
        Tensor u = Predictions.convert(Prediction.DATA, Prediction.VELOCITY, x, x0, level);
        assertThat(u.toArray()).containsExactly(new double[] {0.25 - 1.5, 0.5 + 2}, within(1e-14));
    }

    @Test
    void sameTargetIsReturnedUnchanged() {
        Tensor x = Tensor.full(1, 1, 2), v = Tensor.full(3, 1, 2);
        assertThat(Predictions.convert(Prediction.SCORE, Prediction.SCORE, x, v, vpLevel())).isSameAs(v);
    }

    @Test
    void parseAcceptsLibraryNamesAndRejectsOthersListingAllowed() {
        assertThat(Prediction.parse("epsilon")).isEqualTo(Prediction.EPSILON);
        assertThat(Prediction.parse(" EPS ")).isEqualTo(Prediction.EPSILON);
        assertThat(Prediction.parse("sample")).isEqualTo(Prediction.DATA);
        assertThat(Prediction.parse("v_prediction")).isEqualTo(Prediction.V);
        assertThat(Prediction.parse("v-prediction")).isEqualTo(Prediction.V);
        assertThat(Prediction.parse("score")).isEqualTo(Prediction.SCORE);
        assertThat(Prediction.parse("flow_prediction")).isEqualTo(Prediction.VELOCITY);
        assertThat(Prediction.VELOCITY.id()).isEqualTo("velocity");
        assertThatThrownBy(() -> Prediction.parse("mu"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("prediction").hasMessageContaining("'mu'").hasMessageContaining("v_prediction");
    }
}
