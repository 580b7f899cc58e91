package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.diffuse4j.api.Tensor;
import org.junit.jupiter.api.Test;

class StepSizeControllerTest {
    private static final StepSizeController I = StepSizeController.integral(4);
    private static final StepSizeController PI = StepSizeController.pi(4);

    @Test
    void integralControlScalesByTheFifthRootForAFourthOrderEstimate() {
        // err = 2^−5: h grows by 0.9 · 2 = 1.8
        StepSizeController.Decision d = I.decide(1.0 / 32, Double.NaN);
        assertThat(d.accepted()).isTrue();
        assertThat(d.factor()).isCloseTo(1.8, within(1e-14));
    }

    @Test
    void rejectedStepsShrinkButNotBelowTheMinimum() {
        StepSizeController.Decision d = I.decide(32, Double.NaN);
        assertThat(d.accepted()).isFalse();
        assertThat(d.factor()).isCloseTo(0.45, within(1e-14)); // 0.9 · 32^(−1/5)
        assertThat(I.decide(1e6, 0.5).factor()).isEqualTo(0.2);
        assertThat(I.decide(1.0001, 0.5).factor()).isLessThanOrEqualTo(1);
    }

    @Test
    void tinyErrorsGrowAtMostByTheMaximum() {
        assertThat(I.decide(1e-12, Double.NaN).factor()).isEqualTo(10);
        assertThat(I.decide(0, Double.NaN)).isEqualTo(new StepSizeController.Decision(true, 10));
    }

    @Test
    void nonFiniteErrorsAreRejectedHard() {
        assertThat(PI.decide(Double.NaN, 0.5)).isEqualTo(new StepSizeController.Decision(false, 0.2));
        assertThat(PI.decide(Double.POSITIVE_INFINITY, 0.5)).isEqualTo(new StepSizeController.Decision(false, 0.2));
    }

    @Test
    void piControlWeighsThePreviousError() {
        // h_new/h = 0.9 · err^(−(1/5 − 0.75 · 0.04)) · err_prev^0.04
        double err = 1.0 / 32, prev = 0.25;
        double expected = 0.9 * Math.pow(err, -(0.2 - 0.03)) * Math.pow(prev, 0.04);
        assertThat(PI.decide(err, prev).factor()).isCloseTo(expected, within(1e-14));
        // a smaller previous error makes the controller more cautious
        assertThat(PI.decide(err, 1e-3).factor()).isLessThan(PI.decide(err, 0.9).factor());
    }

    @Test
    void errorNormIsTheScaledRootMeanSquare() {
        // sc = 0.01 + 0.1 · max(|y0|, |y1|) = 0.16, 0.21; √(((0.01/0.16)² + (0.02/0.21)²)/2)
        Tensor y0 = Tensor.of(new double[][] {{1, -2}}), y1 = Tensor.of(new double[][] {{1.5, 1}});
        Tensor e = Tensor.of(new double[][] {{0.01, -0.02}});
        double expected = Math.sqrt((Math.pow(0.01 / 0.16, 2) + Math.pow(0.02 / 0.21, 2)) / 2);
        assertThat(StepSizeController.errorNorm(y0, y1, e, 0.1, 0.01)).isCloseTo(expected, within(1e-15));
    }

    @Test
    void refusesInconsistentSettings() {
        assertThatThrownBy(() -> new StepSizeController(1.2, 0.2, 10, 4, 0)).hasMessageContaining("safety");
        assertThatThrownBy(() -> new StepSizeController(0.9, 2, 10, 4, 0)).hasMessageContaining("minFactor");
        assertThatThrownBy(() -> new StepSizeController(0.9, 0.2, 10, 0, 0)).hasMessageContaining("errorOrder");
        assertThatThrownBy(() -> new StepSizeController(0.9, 0.2, 10, 4, 0.3)).hasMessageContaining("beta");
    }
}
