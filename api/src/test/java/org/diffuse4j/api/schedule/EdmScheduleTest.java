package org.diffuse4j.api.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.grid.Grids;
import org.junit.jupiter.api.Test;

class EdmScheduleTest {
    @Test void sigmaIsTimeAndPreconditioningFollowsKarrasEq7() {
        EdmSchedule s = EdmSchedule.standard();
        assertThat(s.sigma(3.0)).isEqualTo(3.0);
        assertThat(s.alpha(3.0)).isEqualTo(1.0);
        assertThat(s.tOfLambda(s.lambda(7.5))).isCloseTo(7.5, within(1e-12));
        assertThat(s.modelTime(80)).isCloseTo(0.25 * Math.log(80), within(1e-15));
        double sigma = 1.3, sd = 0.5;
        // Karras et al. 2022, Eq. (7): c_in² (σ² + σ_data²) = 1, c_out² = σ² σ_data²/(σ² + σ_data²)
        assertThat(s.cSkip(sigma)).isCloseTo(sd * sd / (sigma * sigma + sd * sd), within(1e-15));
        assertThat(s.cIn(sigma) * s.cIn(sigma) * (sigma * sigma + sd * sd)).isCloseTo(1, within(1e-15));
        assertThat(s.cOut(sigma) * s.cOut(sigma)).isCloseTo(sigma * sigma * sd * sd / (sigma * sigma + sd * sd), within(1e-15));
        assertThatThrownBy(() -> new EdmSchedule(1, 0.5, 0.5)).isInstanceOf(ConfigurationException.class).hasMessageContaining("sigma_min");
    }

    @Test void exponentialSigmasAreLogUniformAndPolyexponentialBendsThem() {
        double[] e = Grids.exponentialSigmas(5, 0.01, 100, true);
        assertThat(e).hasSize(6);
        assertThat(e[0]).isCloseTo(100, within(1e-12));
        assertThat(e[4]).isCloseTo(0.01, within(1e-15));
        assertThat(e[5]).isZero();
        for (int i = 0; i < 3; i++) assertThat(Math.log(e[i]) - Math.log(e[i + 1])).isCloseTo(Math.log(10), within(1e-12));
        double[] p = Grids.polyexponentialSigmas(5, 0.01, 100, 2.0, false);
        // ramp 0.75 → exponent 0.5625: σ = exp(0.5625 · log(1e4) + log 0.01)
        assertThat(p[1]).isCloseTo(Math.exp(0.5625 * Math.log(1e4) + Math.log(0.01)), within(1e-12));
    }
}
