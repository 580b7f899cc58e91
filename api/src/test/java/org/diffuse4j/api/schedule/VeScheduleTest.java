package org.diffuse4j.api.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.ScheduleFamily;
import org.junit.jupiter.api.Test;

class VeScheduleTest {
    private final VeSchedule schedule = VeSchedule.standard();

    @Test
    void closedFormOfSongEtAl() {
        assertThat(schedule.family()).isEqualTo(ScheduleFamily.VE);
        assertThat(schedule.sigma(0)).isCloseTo(0.01, within(1e-15));
        assertThat(schedule.sigma(1)).isCloseTo(50, within(1e-12));
        assertThat(schedule.sigma(0.5)).isCloseTo(Math.sqrt(0.01 * 50), within(1e-14)); // geometric mean
        for (double t : new double[] {0, 0.3, 1}) {
            assertThat(schedule.alpha(t)).isEqualTo(1.0);
            assertThat(schedule.logAlpha(t)).isEqualTo(0.0);
            assertThat(schedule.dAlpha(t)).isEqualTo(0.0);
            assertThat(schedule.lambda(t)).isCloseTo(-Math.log(schedule.sigma(t)), within(1e-13));
            assertThat(schedule.modelTime(t)).isEqualTo(schedule.sigma(t));
            double h = 1e-6;
            double fd = (schedule.sigma(t + h) - schedule.sigma(t - h)) / (2 * h);
            assertThat(schedule.dSigma(t)).isCloseTo(fd, within(1e-7 * fd));
            assertThat(schedule.dSigma(t)).isCloseTo(schedule.sigma(t) * Math.log(5000), within(1e-12 * fd));
        }
    }

    @Test
    void tOfLambdaInvertsLambda() {
        for (double t : new double[] {0, 0.1, 0.5, 0.77, 1}) {
            assertThat(schedule.tOfLambda(schedule.lambda(t))).isCloseTo(t, within(1e-14));
        }
        assertThat(schedule.tOfLambda(-Math.log(1.0))).isCloseTo(Math.log(100) / Math.log(5000), within(1e-14));
    }

    @Test
    void invalidParametersAreRejected() {
        assertThatThrownBy(() -> new VeSchedule(50, 0.01)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("sigma_min");
        assertThatThrownBy(() -> new VeSchedule(0, 1)).isInstanceOf(ConfigurationException.class);
    }
}
