package com.example.solvers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RalstonTest {
    private static final RalstonProvider PROVIDER = new RalstonProvider();

    @Test void convergesAtSecondOrderOnTheStandardVpSchedule() {
        int[] steps = {32, 64, 128, 256};
        List<Double> errors = Convergence.errors(PROVIDER, VpLinearSchedule.standard(), steps);
        assertThat(errors).allSatisfy(e -> assertThat(e).isGreaterThan(1e-9));
        assertThat(Convergence.observedOrder(steps, errors)).isCloseTo(2.0, within(0.25));
    }

    @ParameterizedTest @MethodSource("com.example.solvers.Schedules#supported")
    void convergesAtSecondOrderOnEverySupportedFamily(Schedule schedule) {
        int[] steps = {32, 64, 128, 256};
        assertThat(Convergence.observedOrder(steps, Convergence.errors(PROVIDER, schedule, steps)))
                .isCloseTo(2.0, within(0.25));
    }

    @Test void oneStepOnALinearProblemIsTheSecondOrderTaylorPolynomial() {
        assertThat(Runs.linearStepError(PROVIDER, 0.3, z -> 1 + z + z * z / 2)).isLessThan(1e-13);
    }

    @Test void integratesQuadraticSlopesExactlyButNotCubicOnes() {
        // h(q(s)/4 + 3 q(s + 2h/3)/4) integrates polynomials up to degree 2 exactly
        assertThat(Runs.quadratureError(PROVIDER, 2)).isLessThan(1e-10);
        assertThat(Runs.quadratureError(PROVIDER, 3)).isGreaterThan(1e-3);
    }
}
