package org.diffuse4j.api.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.ScheduleFamily;
import org.junit.jupiter.api.Test;

class VpLinearScheduleTest {
    private final VpLinearSchedule schedule = VpLinearSchedule.standard();

    @Test
    void closedFormOfSongEtAl() {
        assertThat(schedule.family()).isEqualTo(ScheduleFamily.CONTINUOUS_VP);
        // log α_1 = −¼·19.9 − ½·0.1 = −5.025
        assertThat(schedule.logAlpha(1)).isCloseTo(-5.025, within(1e-15));
        assertThat(schedule.alpha(1)).isCloseTo(Math.exp(-5.025), within(1e-16));
        // t = 0.5: −¼·0.25·19.9 − ½·0.5·0.1 = −1.26875
        assertThat(schedule.logAlpha(0.5)).isCloseTo(-1.26875, within(1e-15));
        assertThat(schedule.modelTime(0.5)).isEqualTo(0.5);
        assertThat(new VpLinearSchedule(0.1, 20, 999).modelTime(0.5)).isEqualTo(499.5);
    }

    @Test
    void isVariancePreserving() {
        for (int i = 0; i <= 100; i++) {
            double t = i / 100.0;
            double a = schedule.alpha(t), s = schedule.sigma(t);
            assertThat(a * a + s * s).as("t = %s", t).isCloseTo(1, within(1e-14));
            if (t > 0) assertThat(schedule.lambda(t)).isCloseTo(Math.log(a / s), within(1e-12));
        }
        // tiny t: σ² = 1 − e^{−u} with u = β_min t + ½ t² (β_max − β_min), i.e. u − u²/2 + …, without cancellation
        double t = 1e-9, u = 0.1 * t + 0.5 * t * t * 19.9;
        assertThat(Math.pow(schedule.sigma(t), 2)).isCloseTo(u - u * u / 2, within(1e-24));
    }

    @Test
    void tOfLambdaInvertsLambda() {
        for (double t : new double[] {1e-6, 1e-3, 0.01, 0.1, 0.37, 0.5, 0.9, 1.0}) {
            assertThat(schedule.tOfLambda(schedule.lambda(t))).as("t = %s", t).isCloseTo(t, within(1e-10 * Math.max(t, 1e-3)));
        }
        for (double lambda : new double[] {-6, -2, 0, 3, 10}) {
            assertThat(schedule.lambda(schedule.tOfLambda(lambda))).isCloseTo(lambda, within(1e-9));
        }
    }

    @Test
    void derivativesMatchCentralFiniteDifferences() {
        double h = 1e-6;
        for (double t : new double[] {0.01, 0.2, 0.5, 0.8, 0.99}) {
            double fdAlpha = (schedule.alpha(t + h) - schedule.alpha(t - h)) / (2 * h);
            double fdSigma = (schedule.sigma(t + h) - schedule.sigma(t - h)) / (2 * h);
            assertThat(schedule.dAlpha(t)).isCloseTo(fdAlpha, within(1e-6 * Math.abs(fdAlpha)));
            assertThat(schedule.dSigma(t)).isCloseTo(fdSigma, within(1e-6 * Math.abs(fdSigma)));
        }
    }

    @Test
    void dataEndHasInfiniteLambdaWithoutNaN() {
        NoiseLevel clean = schedule.at(0);
        assertThat(clean.alpha()).isEqualTo(1.0);
        assertThat(clean.sigma()).isEqualTo(0.0);
        assertThat(schedule.lambda(0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(clean.lambda()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(clean.isClean()).isTrue();
    }

    @Test
    void invalidParametersAreRejected() {
        assertThatThrownBy(() -> new VpLinearSchedule(20, 0.1, 1)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("beta_min");
        assertThatThrownBy(() -> new VpLinearSchedule(0.1, 20, 0)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("time_scale");
    }
}
