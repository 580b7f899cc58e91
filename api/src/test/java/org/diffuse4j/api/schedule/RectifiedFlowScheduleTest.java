package org.diffuse4j.api.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.ScheduleFamily;
import org.junit.jupiter.api.Test;

class RectifiedFlowScheduleTest {
    private final RectifiedFlowSchedule schedule = RectifiedFlowSchedule.standard();

    @Test
    void closedForm() {
        assertThat(schedule.family()).isEqualTo(ScheduleFamily.RECTIFIED_FLOW);
        for (double t : new double[] {0.1, 0.3, 0.5, 0.9}) {
            assertThat(schedule.alpha(t)).isCloseTo(1 - t, within(1e-15));
            assertThat(schedule.sigma(t)).isEqualTo(t);
            assertThat(Math.exp(schedule.logAlpha(t))).isCloseTo(1 - t, within(1e-15));
            assertThat(schedule.lambda(t)).isCloseTo(Math.log((1 - t) / t), within(1e-14));
            assertThat(schedule.dAlpha(t)).isEqualTo(-1.0);
            assertThat(schedule.dSigma(t)).isEqualTo(1.0);
            assertThat(schedule.modelTime(t)).isCloseTo(1000 * t, within(1e-12));
        }
        assertThat(schedule.lambda(0.5)).isEqualTo(0.0);
    }

    @Test
    void tOfLambdaInvertsLambdaIncludingLargeMagnitudes() {
        for (double t : new double[] {1e-12, 1e-6, 0.01, 0.3, 0.5, 0.99, 1 - 1e-9}) {
            assertThat(schedule.tOfLambda(schedule.lambda(t))).isCloseTo(t, within(1e-12 * Math.max(t, 1e-3)));
        }
        assertThat(schedule.tOfLambda(0)).isEqualTo(0.5);
        assertThat(schedule.tOfLambda(800)).isGreaterThanOrEqualTo(0.0).isLessThan(1e-300);
        assertThat(schedule.tOfLambda(-800)).isEqualTo(1.0);
    }

    @Test
    void bothEndsGiveInfiniteLambdaWithoutNaN() {
        NoiseLevel data = schedule.at(0), noise = schedule.at(1);
        assertThat(data.alpha()).isEqualTo(1.0);
        assertThat(data.sigma()).isEqualTo(0.0);
        assertThat(noise.alpha()).isEqualTo(0.0);
        assertThat(noise.sigma()).isEqualTo(1.0);
        assertThat(schedule.lambda(0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(schedule.lambda(1)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(data.lambda()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(noise.lambda()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(noise.sigmaVe()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(data.sigmaVe()).isEqualTo(0.0);
        assertThat(schedule.tOfLambda(Double.POSITIVE_INFINITY)).isEqualTo(0.0);
        assertThat(schedule.tOfLambda(Double.NEGATIVE_INFINITY)).isEqualTo(1.0);
    }

    @Test
    void invalidTimeScaleIsRejected() {
        assertThatThrownBy(() -> new RectifiedFlowSchedule(-1)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("time_scale");
    }
}
