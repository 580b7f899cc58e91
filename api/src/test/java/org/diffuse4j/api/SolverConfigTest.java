package org.diffuse4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.RectifiedFlowSchedule;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.junit.jupiter.api.Test;

class SolverConfigTest {
    private static final Option<Boolean> FLAG = Option.bool("denoise_final", true, "a flag");
    private static final SolverTraits TRAITS = SolverTraits.sde(1, 1, "test")
            .withOptions(FLAG)
            .withAccepts(EnumSet.of(Prediction.EPSILON, Prediction.DATA))
            .withSchedules(EnumSet.of(ScheduleFamily.CONTINUOUS_VP, ScheduleFamily.VE));
    private static final Grid VP_GRID = Grids.uniformTime(VpLinearSchedule.standard(), 4, 1, 0.01);

    @Test
    void aConfigWithinTheTraitsPasses() {
        SolverConfig config = SolverConfig.of(VP_GRID, Prediction.EPSILON).withOptions(SolverOptions.NONE.with(FLAG, false));
        assertThatCode(() -> config.validateFor("em", TRAITS)).doesNotThrowAnyException();
        assertThat(new SolverConfig(VP_GRID, Prediction.DATA, null).options()).isSameAs(SolverOptions.NONE);
    }

    @Test
    void anUnknownOptionIsNamedWithTheAcceptedOnes() {
        SolverConfig config = SolverConfig.of(VP_GRID, Prediction.EPSILON).withOptions(SolverOptions.of(Map.of("eta", "1")));
        assertThatThrownBy(() -> config.validateFor("em", TRAITS))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'eta'").hasMessageContaining("denoise_final");
    }

    @Test
    void aBadOptionValueNamesTheOptionAndTheAllowedValues() {
        SolverConfig config = SolverConfig.of(VP_GRID, Prediction.EPSILON).withOptions(SolverOptions.of(Map.of("denoise_final", "maybe")));
        assertThatThrownBy(() -> config.validateFor("em", TRAITS))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("denoise_final").hasMessageContaining("true, false");
    }

    @Test
    void anUnacceptedTargetIsNamedWithTheAcceptedOnes() {
        SolverConfig config = SolverConfig.of(VP_GRID, Prediction.VELOCITY);
        assertThatThrownBy(() -> config.validateFor("em", TRAITS))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("prediction").hasMessageContaining("velocity").hasMessageContaining("data, epsilon");
    }

    @Test
    void anUnsupportedScheduleFamilyIsNamed() {
        SolverConfig config = SolverConfig.of(Grids.uniformTime(RectifiedFlowSchedule.standard(), 4, 0.9, 0.1), Prediction.EPSILON);
        assertThatThrownBy(() -> config.validateFor("em", TRAITS))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("schedule").hasMessageContaining("RECTIFIED_FLOW").hasMessageContaining("'em'")
                .hasMessageContaining("CONTINUOUS_VP");
    }

    @Test
    void requiredFieldsAreChecked() {
        assertThatThrownBy(() -> SolverConfig.of(null, Prediction.DATA)).isInstanceOf(ConfigurationException.class).hasMessageContaining("grid");
        assertThatThrownBy(() -> SolverConfig.of(VP_GRID, null)).isInstanceOf(ConfigurationException.class).hasMessageContaining("prediction");
    }

    @Test
    void traitsAreValidated() {
        assertThatThrownBy(() -> SolverTraits.ode(0, 1, "x")).isInstanceOf(ConfigurationException.class).hasMessageContaining("order");
        assertThatThrownBy(() -> SolverTraits.ode(1, 0, "x")).isInstanceOf(ConfigurationException.class).hasMessageContaining("modelCallsPerStep");
        assertThatThrownBy(() -> SolverTraits.ode(1, 1, "x").withHistory(-1)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> SolverTraits.ode(1, 1, "x").withAccepts(EnumSet.noneOf(Prediction.class)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("accepts");
        SolverTraits t = SolverTraits.ode(2, 1, "x").withHistory(1);
        assertThat(t.stochastic()).isFalse();
        assertThat(t.historyLength()).isEqualTo(1);
        assertThat(t.accepts()).containsExactlyInAnyOrder(Prediction.values());
    }
}
