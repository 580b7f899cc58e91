package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** DEIS's log-ρ weights against closed forms and numerical integration of the Lagrange basis. */
class DeisCoefficientsTest {
    /** ℓ_j(u) for nodes u_m = log ρ_m. */
    private static double basis(double[] rho, int j, double u) {
        double v = 1;
        for (int m = 0; m < rho.length; m++) {
            if (m != j) v *= (u - Math.log(rho[m])) / (Math.log(rho[j]) - Math.log(rho[m]));
        }
        return v;
    }

    /** ∫_a^b f(ρ) dρ = ∫ f(e^u) e^u du by composite Simpson in u = log ρ (a = 0: u from −60). */
    private static double integrate(DoubleUnaryOperator f, double a, double b) {
        double ua = a == 0 ? -60 : Math.log(a), ub = Math.log(b);
        int n = 20_000;
        double step = (ub - ua) / n, s = 0;
        for (int i = 0; i <= n; i++) {
            double u = ua + i * step;
            double w = i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2;
            s += w * f.applyAsDouble(u) * Math.exp(u);
        }
        return s * step / 3;
    }

    private static void assertMatchesQuadrature(double[] nodes, double rhoTo) {
        double[] w = DeisCoefficients.weights(nodes, rhoTo);
        for (int j = 0; j < nodes.length; j++) {
            int jj = j;
            double q = -integrate(u -> basis(nodes, jj, u), rhoTo, nodes[0]); // from ρ_s down to ρ_t
            assertThat(w[j]).as("w_" + j + " for nodes " + java.util.Arrays.toString(nodes) + " → " + rhoTo)
                    .isCloseTo(q, within(1e-9 * Math.max(1, Math.abs(q))));
        }
    }

    @Test
    void firstOrderWeightIsTheStepInRho() {
        assertThat(DeisCoefficients.weights(new double[] {2.5}, 1.75)).containsExactly(new double[] {-0.75}, within(1e-15));
        assertThat(DeisCoefficients.weights(new double[] {2.5}, 0)).containsExactly(new double[] {-2.5}, within(1e-15));
    }

    @Test
    void weightsEqualNumericalIntegrationOfTheLagrangeBasis() {
        assertMatchesQuadrature(new double[] {0.8, 1.3}, 0.5);
        assertMatchesQuadrature(new double[] {0.8, 1.3, 2.1}, 0.5);
        assertMatchesQuadrature(new double[] {3.0, 7.5, 20.0}, 1.2);
        assertMatchesQuadrature(new double[] {0.05, 0.09, 0.2}, 0.02);
    }

    @Test
    void weightsToCleanDataIntegrateFromRhoZero() {
        assertMatchesQuadrature(new double[] {0.3, 0.7}, 0);
        assertMatchesQuadrature(new double[] {0.3, 0.7, 1.6}, 0);
    }

    @Test
    void weightsSumToTheStepBecauseTheBasisSumsToOne() {
        double[] w = DeisCoefficients.weights(new double[] {0.8, 1.3, 2.1}, 0.5);
        assertThat(w[0] + w[1] + w[2]).isCloseTo(0.5 - 0.8, within(1e-14));
    }

    @Test
    void secondOrderWeightsMatchTheClosedFormPrimitive() {
        // ∫ (log t − log c)/(log b − log c) dt = t (log t − log c − 1)/(log b − log c)
        double rt = 0.5, b = 0.8, c = 1.3;
        DoubleUnaryOperator ind = t -> t * (Math.log(t) - Math.log(c) - 1) / (Math.log(b) - Math.log(c));
        double[] w = DeisCoefficients.weights(new double[] {b, c}, rt);
        assertThat(w[0]).isCloseTo(ind.applyAsDouble(rt) - ind.applyAsDouble(b), within(1e-14));
    }

    @Test
    void primitivesDifferentiateToPowersOfLogRho() {
        double rho = 1.7, d = 1e-6;
        double[] hi = DeisCoefficients.primitives(rho + d, 3), lo = DeisCoefficients.primitives(rho - d, 3);
        for (int n = 0; n < 3; n++) {
            assertThat((hi[n] - lo[n]) / (2 * d)).isCloseTo(Math.pow(Math.log(rho), n), within(1e-8));
        }
        double l = Math.log(rho);
        assertThat(DeisCoefficients.primitives(rho, 3)[2]).isCloseTo(rho * (l * l - 2 * l + 2), within(1e-15));
        assertThat(DeisCoefficients.primitives(0, 3)).containsExactly(0, 0, 0);
    }
}
