package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.schedule.RectifiedFlowSchedule;
import org.junit.jupiter.api.Test;

class FlowMatchGridsTest {
    private static final RectifiedFlowSchedule RF = RectifiedFlowSchedule.standard();

    @Test
    void shiftByHand() {
        assertThat(FlowMatchGrids.shift(0.5, 3)).isCloseTo(0.75, within(1e-16)); // 1.5/(1 + 1)
        assertThat(FlowMatchGrids.shift(0.2, 1)).isEqualTo(0.2);
        assertThat(FlowMatchGrids.shift(1, 7)).isEqualTo(1);
        assertThat(FlowMatchGrids.shift(0, 7)).isEqualTo(0);
        assertThatThrownBy(() -> FlowMatchGrids.shift(0.5, 0)).isInstanceOf(ConfigurationException.class).hasMessageContaining("shift");
    }

    @Test
    void diffusersSigmasWithoutShift() {
        // linspace(1000, 1, 5)/1000
        assertThat(FlowMatchGrids.diffusersSigmas(1000, 5, 1)).containsExactly(1, 0.75025, 0.5005, 0.25075, 0.001);
    }

    @Test
    void diffusersShiftsTwice() {
        // σ_min is shifted when the scheduler is built and every sigma again in set_timesteps
        double min = FlowMatchGrids.shift(0.001, 3);
        double[] s = FlowMatchGrids.diffusersSigmas(1000, 3, 3);
        assertThat(s[0]).isEqualTo(1);
        assertThat(s[1]).isCloseTo(FlowMatchGrids.shift((1 + min) / 2, 3), within(1e-15));
        assertThat(s[2]).isCloseTo(FlowMatchGrids.shift(min, 3), within(1e-16));
    }

    @Test
    void stretchEndsAtTheTerminal() {
        double[] s = FlowMatchGrids.stretchToTerminal(new double[] {1, 0.5, 0.01}, 0.1);
        assertThat(s[0]).isEqualTo(1);
        assertThat(s[2]).isCloseTo(0.1, within(1e-15));
        assertThat(s[1]).isCloseTo(1 - 0.5 * 0.9 / 0.99, within(1e-15));
    }

    @Test
    void gridsHandOutTheTrainingTimesteps() {
        Grid g = FlowMatchGrids.grid(RF, new double[] {1, 0.5}, 1000);
        assertThat(g.steps()).isEqualTo(2);
        assertThat(g.level(1).modelTime()).isEqualTo(500);
        assertThat(g.level(1).alpha()).isEqualTo(0.5);
        assertThat(g.endsAtData()).isTrue();
        Grid shifted = FlowMatchGrids.shifted(Grids.uniformTime(RF, 4), 3);
        assertThat(shifted.level(2).sigma()).isCloseTo(0.75, within(1e-15));
        assertThat(shifted.level(4).isClean()).isTrue();
        assertThatThrownBy(() -> FlowMatchGrids.grid(DdimTest.SD, new double[] {1}, 1000)).hasMessageContaining("rectified flow");
    }
}
