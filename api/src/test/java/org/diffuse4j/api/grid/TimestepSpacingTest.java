package org.diffuse4j.api.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.diffuse4j.api.ConfigurationException;
import org.junit.jupiter.api.Test;

/**
 * Expected timesteps are worked out by hand from diffusers' formulas (DDIMScheduler.set_timesteps and
 * DPMSolverMultistepScheduler.set_timesteps), with N = 1000 training timesteps.
 */
class TimestepSpacingTest {
    private static final int N = 1000;

    @Test
    void leadingIsMultiplesOfTheRatioPlusOffset() {
        // ratio = 1000 // 5 = 200; arange(0, 5)·200 reversed
        assertThat(TimestepSpacing.LEADING.timesteps(N, 5, 0, true)).containsExactly(800, 600, 400, 200, 0);
        assertThat(TimestepSpacing.LEADING.timesteps(N, 5, 1, true)).containsExactly(801, 601, 401, 201, 1);
        // ratio = 1000 // 3 = 333
        assertThat(TimestepSpacing.LEADING.timesteps(N, 3, 1, true)).containsExactly(667, 334, 1);
    }

    @Test
    void trailingCountsDownFromTheLastTimestep() {
        // round(arange(1000, 0, −200)) − 1
        assertThat(TimestepSpacing.TRAILING.timesteps(N, 5, 0, true)).containsExactly(999, 799, 599, 399, 199);
        // ratio 1000/3 = 333.33…: 1000, 666.67, 333.33 → 1000, 667, 333 → −1
        assertThat(TimestepSpacing.TRAILING.timesteps(N, 3, 0, true)).containsExactly(999, 666, 332);
    }

    @Test
    void linspaceRoundsHalfToEven() {
        // linspace(0, 999, 7) = 0, 166.5, 333, 499.5, 666, 832.5, 999; numpy rounds 166.5 → 166, 832.5 → 832
        assertThat(TimestepSpacing.LINSPACE.timesteps(N, 7, 0, true)).containsExactly(999, 832, 666, 500, 333, 166, 0);
        // unrounded (the Euler family keeps fractional timesteps)
        assertThat(TimestepSpacing.LINSPACE.timesteps(N, 3, 0, false)).containsExactly(999, 499.5, 0);
        assertThat(TimestepSpacing.LINSPACE.timesteps(N, 1, 0, true)).containsExactly(0);
    }

    @Test
    void multistepSpacingsUseStepsPlusOnePointsAndDropTheLast() {
        // linspace(0, 999, 6) = 0, 199.8, 399.6, 599.4, 799.2, 999 → rounded, reversed, last dropped
        assertThat(TimestepSpacing.LINSPACE.multistepTimesteps(N, N, 5, 0)).containsExactly(999, 799, 599, 400, 200);
        // ratio = 1000 // 6 = 166: 830, 664, 498, 332, 166 (+ offset)
        assertThat(TimestepSpacing.LEADING.multistepTimesteps(N, N, 5, 0)).containsExactly(830, 664, 498, 332, 166);
        assertThat(TimestepSpacing.LEADING.multistepTimesteps(N, N, 5, 1)).containsExactly(831, 665, 499, 333, 167);
        assertThat(TimestepSpacing.TRAILING.multistepTimesteps(N, N, 5, 0)).containsExactly(999, 799, 599, 399, 199);
    }

    @Test
    void multistepSpacingsFollowAClippedLastTimestep() {
        // λ clipping leaves last_timestep = 996: linspace(0, 995, 6) = 0, 199, 398, 597, 796, 995
        assertThat(TimestepSpacing.LINSPACE.multistepTimesteps(N, 996, 5, 0)).containsExactly(995, 796, 597, 398, 199);
        // arange(996, 0, −200) = 996, 796, 596, 396, 196 → −1
        assertThat(TimestepSpacing.TRAILING.multistepTimesteps(N, 996, 5, 0)).containsExactly(995, 795, 595, 395, 195);
    }

    @Test
    void invalidStepCountsAreRejected() {
        for (TimestepSpacing spacing : TimestepSpacing.values()) {
            assertThatThrownBy(() -> spacing.timesteps(N, 0, 0, true))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("steps").hasMessageContaining("0");
            assertThatThrownBy(() -> spacing.multistepTimesteps(N, N, -1, 0))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("steps");
            assertThatThrownBy(() -> spacing.timesteps(N, N + 1, 0, true))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("1001");
        }
    }

    @Test
    void parsesDiffusersNames() {
        assertThat(TimestepSpacing.parse("leading")).isEqualTo(TimestepSpacing.LEADING);
        assertThat(TimestepSpacing.parse(" Trailing ")).isEqualTo(TimestepSpacing.TRAILING);
        assertThatThrownBy(() -> TimestepSpacing.parse("karras"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("timestep_spacing").hasMessageContaining("'karras'").hasMessageContaining("linspace, leading, trailing");
    }
}
