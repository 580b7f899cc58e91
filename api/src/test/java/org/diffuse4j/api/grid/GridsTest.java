package org.diffuse4j.api.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.schedule.Betas;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.api.schedule.RectifiedFlowSchedule;
import org.diffuse4j.api.schedule.VeSchedule;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GridsTest {
    private static final DiscreteVpSchedule SD = DiscreteVpSchedule.fromBetas(Betas.scaledLinear(0.00085, 0.012, 1000));

    static Stream<Arguments> schedulesWithFiniteEnds() {
        return Stream.of(
                Arguments.of(SD, 1.0, 1e-3),
                Arguments.of(VpLinearSchedule.standard(), 1.0, 1e-3),
                Arguments.of(VeSchedule.standard(), 1.0, 0.0),
                Arguments.of(RectifiedFlowSchedule.standard(), 0.999, 0.01));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedulesWithFiniteEnds")
    void uniformLambdaGridHasEqualLambdaSteps(Schedule schedule, double tStart, double tEnd) {
        int steps = 17;
        Grid grid = Grids.uniformLambda(schedule, steps, tStart, tEnd);
        assertThat(grid.steps()).isEqualTo(steps);
        assertThat(grid.level(0).t()).isEqualTo(tStart);
        assertThat(grid.level(steps).t()).isEqualTo(tEnd);
        double expectedH = (schedule.lambda(tEnd) - schedule.lambda(tStart)) / steps;
        assertThat(expectedH).isPositive();
        for (int i = 0; i < steps; i++) {
            double h = grid.to(i).lambda() - grid.from(i).lambda();
            assertThat(h).as("step %d", i).isCloseTo(expectedH, within(1e-9));
        }
    }

    @Test
    void uniformTimeAndQuadraticTimeSpacing() {
        Schedule s = VpLinearSchedule.standard();
        Grid uniform = Grids.uniformTime(s, 4);
        assertThat(uniform.times()).containsExactly(new double[] {1, 0.75, 0.5, 0.25, 0}, within(1e-15));
        Grid quadratic = Grids.timeQuadratic(s, 4, 1.0, 0.01);
        double[] t = quadratic.times();
        // √t is uniform from 1 to 0.1
        for (int i = 0; i <= 4; i++) assertThat(Math.sqrt(t[i])).isCloseTo(1 - 0.9 * i / 4, within(1e-14));
        // levels carry the schedule's own α, σ and derivatives
        NoiseLevel l = uniform.level(2);
        assertThat(l.alpha()).isEqualTo(s.alpha(0.5));
        assertThat(l.sigma()).isEqualTo(s.sigma(0.5));
        assertThat(l.dAlpha()).isEqualTo(s.dAlpha(0.5));
        assertThat(l.dSigma()).isEqualTo(s.dSigma(0.5));
        assertThat(uniform.endsAtData()).isTrue(); // VP at t = 0 has σ = 0
        assertThat(Grids.uniformTime(s, 4, 1, 1e-3).endsAtData()).isFalse();
    }

    @Test
    void karrasSigmasFollowEquationFive() {
        double sigmaMin = 0.0292, sigmaMax = 14.6146, rho = 7;
        int n = 6;
        double[] s = Grids.karrasSigmas(n, sigmaMin, sigmaMax, rho, true);
        assertThat(s).hasSize(n + 1);
        assertThat(s[0]).isCloseTo(sigmaMax, within(1e-12 * sigmaMax));
        assertThat(s[n - 1]).isCloseTo(sigmaMin, within(1e-12 * sigmaMin));
        assertThat(s[n]).isEqualTo(0.0);
        // σ^{1/ρ} is linear in i: equal differences
        double d = (Math.pow(sigmaMin, 1 / rho) - Math.pow(sigmaMax, 1 / rho)) / (n - 1);
        for (int i = 0; i < n; i++) {
            assertThat(Math.pow(s[i], 1 / rho)).isCloseTo(Math.pow(sigmaMax, 1 / rho) + i * d, within(1e-13));
            if (i > 0) assertThat(s[i]).isLessThan(s[i - 1]);
        }
        assertThat(Grids.karrasSigmas(n, sigmaMin, sigmaMax, rho, false)).hasSize(n);
        // ρ = 1 is linear in σ: hand values for n = 3 between 1 and 3
        assertThat(Grids.karrasSigmas(3, 1, 3, 1, false)).containsExactly(new double[] {3, 2, 1}, within(1e-14));
    }

    @Test
    void karrasGridCarriesThoseSigmasAndEndsAtData() {
        double sigmaMin = SD.sigmaVe(0), sigmaMax = SD.sigmaVe(999);
        Grid grid = Grids.karras(SD, 8, sigmaMin, sigmaMax, 7);
        double[] expected = Grids.karrasSigmas(8, sigmaMin, sigmaMax, 7, true);
        assertThat(grid.steps()).isEqualTo(8);
        for (int i = 0; i <= 8; i++) {
            NoiseLevel l = grid.level(i);
            assertThat(l.sigmaVe()).isCloseTo(expected[i], within(1e-12 * Math.max(1, expected[i])));
            assertThat(l.alpha() * l.alpha() + l.sigma() * l.sigma()).isCloseTo(1, within(1e-14));
        }
        assertThat(grid.endsAtData()).isTrue();
        assertThat(grid.level(8).isClean()).isTrue();
        assertThat(grid.level(8).lambda()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void fromSigmasVeOnNonVpSchedulesUsesTheScheduleAlpha() {
        RectifiedFlowSchedule rf = RectifiedFlowSchedule.standard();
        Grid grid = Grids.fromSigmasVe(rf, new double[] {3, 1, 0.25, 0});
        // RF: σ/α = t/(1 − t) ⇒ t = s/(1 + s)
        double[] t = {0.75, 0.5, 0.2};
        for (int i = 0; i < 3; i++) {
            assertThat(grid.level(i).t()).isCloseTo(t[i], within(1e-14));
            assertThat(grid.level(i).alpha()).isCloseTo(1 - t[i], within(1e-14));
            assertThat(grid.level(i).sigma()).isCloseTo(t[i], within(1e-14));
        }
        assertThat(grid.endsAtData()).isTrue();
        assertThatThrownBy(() -> Grids.fromSigmasVe(rf, new double[] {1, -1}))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("sigmas");
    }

    @Test
    void vpTimestepsAndSigmaInterpolatedGrids() {
        double[] ts = TimestepSpacing.LEADING.timesteps(1000, 5, 1, true);
        Grid ddim = Grids.vpTimesteps(SD, ts, NoiseLevel.clean(0, -1));
        assertThat(ddim.steps()).isEqualTo(5);
        assertThat(ddim.level(0).modelTime()).isEqualTo(801);
        assertThat(ddim.level(0).alpha()).isCloseTo(Math.sqrt(SD.alphaCumprod(801)), within(1e-15));
        assertThat(ddim.endsAtData()).isTrue();
        assertThatThrownBy(() -> Grids.vpTimesteps(SD, new double[] {10.5}, NoiseLevel.clean(0, 0)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("10.5");

        Grid euler = Grids.sigmaInterpolated(SD, TimestepSpacing.LINSPACE.timesteps(1000, 3, 0, false), 0);
        assertThat(euler.level(1).modelTime()).isEqualTo(499.5);
        assertThat(euler.level(1).sigmaVe()).isCloseTo(0.5 * (SD.sigmaVe(499) + SD.sigmaVe(500)), within(1e-12));
        assertThat(euler.level(0).sigmaVe()).isCloseTo(SD.sigmaVe(999), within(1e-12));
        assertThat(euler.endsAtData()).isTrue();
    }

    @Test
    void stepCountsBelowOneAreRejected() {
        Schedule s = VpLinearSchedule.standard();
        assertThatThrownBy(() -> Grids.uniformTime(s, 0)).isInstanceOf(ConfigurationException.class).hasMessageContaining("steps");
        assertThatThrownBy(() -> Grids.uniformLambda(s, 0, 1, 0.01)).isInstanceOf(ConfigurationException.class).hasMessageContaining("steps");
        assertThatThrownBy(() -> Grids.timeQuadratic(s, -2, 1, 0.01)).isInstanceOf(ConfigurationException.class).hasMessageContaining("steps");
        assertThatThrownBy(() -> Grids.karras(SD, 0, 0.03, 14, 7)).isInstanceOf(ConfigurationException.class).hasMessageContaining("steps");
        assertThatThrownBy(() -> Grids.karrasSigmas(0, 0.03, 14, 7, true)).isInstanceOf(ConfigurationException.class).hasMessageContaining("steps");
        assertThatThrownBy(() -> Grids.karrasSigmas(3, 14, 0.03, 7, true)).isInstanceOf(ConfigurationException.class).hasMessageContaining("sigma_min");
        assertThatThrownBy(() -> Grids.karrasSigmas(3, 0.03, 14, 0, true)).isInstanceOf(ConfigurationException.class).hasMessageContaining("rho");
        assertThatThrownBy(() -> Grid.of(s, List.of(s.at(1)))).isInstanceOf(ConfigurationException.class).hasMessageContaining("steps");
    }

    @Test
    void uniformLambdaNeedsFiniteLambdaAtBothEnds() {
        assertThatThrownBy(() -> Grids.uniformLambda(RectifiedFlowSchedule.standard(), 5, 1, 0.01))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("λ");
        assertThatThrownBy(() -> Grids.explicit(VpLinearSchedule.standard(), new double[] {1, Double.NaN}))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("NaN");
    }

    @Test
    void landingsReplaceTheNextLevelAsTarget() {
        Schedule s = VpLinearSchedule.standard();
        Grid grid = Grids.uniformTime(s, 3, 1, 0.1);
        assertThat(grid.hasLandings()).isFalse();
        assertThat(grid.to(0)).isEqualTo(grid.level(1));
        List<NoiseLevel> landings = List.of(s.at(0.65), s.at(0.35), NoiseLevel.clean(0, 0));
        Grid landed = grid.withLandings(landings);
        assertThat(landed.hasLandings()).isTrue();
        assertThat(landed.from(1)).isEqualTo(grid.level(1));
        assertThat(landed.to(1)).isEqualTo(landings.get(1));
        assertThat(landed.endsAtData()).isTrue();
        assertThat(grid.endsAtData()).isFalse();
        assertThat(landed.isLast(2)).isTrue();
        assertThatThrownBy(() -> grid.withLandings(landings.subList(0, 2)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("landings");
    }
}
