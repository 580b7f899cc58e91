package org.diffuse4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.schedule.Betas;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.junit.jupiter.api.Test;

class GridSpecTest {
    private static final DiscreteVpSchedule DDPM = DiscreteVpSchedule.fromBetas(Betas.linear(1e-4, 0.02, 1000));

    @Test
    void diffusersSpacingsGiveDistinctTimesteps() {
        // trailing at 1000 steps, and auto (which takes trailing there): 999, 998, …, 0, then clean data
        for (String kind : new String[] {"trailing", "auto"}) {
            Grid g = GridSpec.parse(kind, "zero", 0).build(DDPM, 1000);
            assertThat(g.steps()).as(kind).isEqualTo(1000);
            assertThat(g.level(0).modelTime()).isEqualTo(999.0);
            assertThat(g.level(999).modelTime()).isEqualTo(0.0);
        }
        // leading, ratio ⌊1000/51⌋ = 19: 950, 931, …, 19
        Grid leading = GridSpec.parse("leading", "zero", 0).build(DDPM, 50);
        assertThat(leading.level(0).modelTime()).isEqualTo(950.0);
        assertThat(leading.level(49).modelTime()).isEqualTo(19.0);
    }

    @Test
    void aSpacingThatRepeatsTimestepsIsRefusedByName() {
        // diffusers' multistep leading spacing: step ratio ⌊1000/1001⌋ = 0 puts every step at timestep 0
        assertThatThrownBy(() -> GridSpec.parse("leading", "zero", 0).build(DDPM, 1000))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("steps").hasMessageContaining("repeats timestep 0")
                .hasMessageContaining("trailing");
        // linspace(0, 999, 1001).round() repeats a timestep too
        assertThatThrownBy(() -> GridSpec.parse("linspace", "zero", 0).build(DDPM, 1000))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("repeats timestep");
        assertThat(GridSpec.parse("linspace", "zero", 0).build(DDPM, 999).level(0).modelTime()).isEqualTo(999.0);
    }
}
