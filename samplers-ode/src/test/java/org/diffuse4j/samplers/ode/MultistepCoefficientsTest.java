package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MultistepCoefficientsTest {
    @Test
    void oneNodeIsEulersStep() {
        assertThat(MultistepCoefficients.lagrangeIntegrated(new double[] {3}, 1.25)).containsExactly(-1.75);
    }

    @Test
    void twoUnequalNodesByHand() {
        // nodes 2 (newest), 4; ∫_2^1 (τ − 4)/(2 − 4) dτ = −5/4, ∫_2^1 (τ − 2)/(4 − 2) dτ = 1/4
        double[] c = MultistepCoefficients.lagrangeIntegrated(new double[] {2, 4}, 1);
        assertThat(c[0]).isCloseTo(-1.25, within(1e-15));
        assertThat(c[1]).isCloseTo(0.25, within(1e-15));
    }

    @Test
    void threeNodesByHand() {
        // nodes 1, 2, 4 to 0: ∫_1^0 of (τ−2)(τ−4)/3, −(τ−1)(τ−4)/2, (τ−1)(τ−2)/6 = −16/9, 11/12, −5/36
        double[] c = MultistepCoefficients.lagrangeIntegrated(new double[] {1, 2, 4}, 0);
        assertThat(c[0]).isCloseTo(-16.0 / 9, within(1e-15));
        assertThat(c[1]).isCloseTo(11.0 / 12, within(1e-15));
        assertThat(c[2]).isCloseTo(-5.0 / 36, within(1e-15));
    }

    @Test
    void equalStepsGiveAdamsBashforth() {
        // σ = 6, 5, 4, 3 then 2: h = −1, so the weights are −β of the 4-step Adams–Bashforth method
        double[] c = MultistepCoefficients.lagrangeIntegrated(new double[] {3, 4, 5, 6}, 2);
        double[] beta = MultistepCoefficients.adamsBashforth(4);
        assertThat(beta).containsExactly(55.0 / 24, -59.0 / 24, 37.0 / 24, -9.0 / 24);
        for (int j = 0; j < 4; j++) assertThat(c[j]).isCloseTo(-beta[j], within(1e-13));
    }

    @Test
    void integratesEveryPolynomialOfLowerDegreeExactly() {
        // Σ_j c_j p(node_j) = ∫ p over [nodes[0], end] for deg p < k, on unequal nodes at diffusion-like scales
        double[] nodes = {14.6, 29.3, 61.0, 157.4};
        double end = 6.9;
        double[] c = MultistepCoefficients.lagrangeIntegrated(nodes, end);
        for (int deg = 0; deg < 4; deg++) {
            double sum = 0;
            for (int j = 0; j < 4; j++) sum += c[j] * Math.pow(nodes[j], deg);
            double exact = (Math.pow(end, deg + 1) - Math.pow(nodes[0], deg + 1)) / (deg + 1);
            assertThat(sum).as("degree %d", deg).isCloseTo(exact, within(1e-10 * Math.max(1, Math.abs(exact))));
        }
    }

    @Test
    void adamsBashforthWeightsSumToOne() {
        for (int k = 1; k <= 4; k++) {
            double sum = 0;
            for (double b : MultistepCoefficients.adamsBashforth(k)) sum += b;
            assertThat(sum).isCloseTo(1, within(1e-15));
        }
    }
}
