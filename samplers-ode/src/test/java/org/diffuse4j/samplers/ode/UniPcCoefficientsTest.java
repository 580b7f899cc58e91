package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** UniPC's B(h) order conditions against closed forms derived by hand. */
class UniPcCoefficientsTest {
    /** b_k = k!·(e^h − Σ_{j≤k} h^j/j!)/h^k / B(h): h φ_{k+1}(h) written out. */
    private static double closedForm(double h, UniPcVariant v, int k) {
        double taylor = 0, term = 1, factorial = 1;
        for (int j = 0; j <= k; j++) {
            taylor += term;
            term *= h / (j + 1);
        }
        for (int j = 2; j <= k; j++) factorial *= j;
        return factorial * (Math.exp(h) - taylor) / Math.pow(h, k) / v.of(h);
    }

    @Test
    void bOfHIsHOrExpm1() {
        assertThat(UniPcVariant.BH1.of(-0.7)).isEqualTo(-0.7);
        assertThat(UniPcVariant.BH2.of(-0.7)).isCloseTo(Math.exp(-0.7) - 1, within(1e-16));
    }

    @Test
    void rightHandSideIsKFactorialHPhiOverB() {
        for (UniPcVariant v : java.util.List.of(UniPcVariant.BH1, UniPcVariant.BH2)) {
            for (double h : new double[] {-0.7, -0.15, 0.4, 1.3}) {
                double[] b = UniPcCoefficients.rightHandSide(h, v, 3);
                for (int k = 1; k <= 3; k++) {
                    assertThat(b[k - 1]).as(v + " h=" + h + " b_" + k).isCloseTo(closedForm(h, v, k), within(1e-12));
                }
            }
        }
    }

    @Test
    void rightHandSideTendsToOneOverKPlusOneForSmallSteps() {
        // h φ_{k+1}(h) = h/(k+1)! + O(h²) and B(h) = h + O(h²): b_k → k!/(k+1)! = 1/(k+1)
        for (UniPcVariant v : java.util.List.of(UniPcVariant.BH1, UniPcVariant.BH2)) {
            double[] b = UniPcCoefficients.rightHandSide(-1e-3, v, 3);
            assertThat(b[0]).isCloseTo(1.0 / 2, within(1e-3));
            assertThat(b[1]).isCloseTo(1.0 / 3, within(1e-3));
            assertThat(b[2]).isCloseTo(1.0 / 4, within(1e-3));
        }
    }

    @Test
    void predictorAtOrderTwoIsOneHalfAsBothReferencesSimplify() {
        assertThat(UniPcCoefficients.predictor(new double[] {-1.3}, new double[] {0.7, 0.4})).containsExactly(0.5);
        assertThat(UniPcCoefficients.predictor(new double[0], new double[] {0.7})).isEmpty();
    }

    @Test
    void predictorAtOrderThreeSolvesTheFirstTwoConditionsOnTheHistory() {
        // ρ1 + ρ2 = b1, ρ1 r1 + ρ2 r2 = b2
        double r1 = -1.1, r2 = -2.4, b1 = 0.52, b2 = 0.31;
        double[] rho = UniPcCoefficients.predictor(new double[] {r1, r2}, new double[] {b1, b2, 0.2});
        assertThat(rho[0]).isCloseTo((b1 * r2 - b2) / (r2 - r1), within(1e-14));
        assertThat(rho[1]).isCloseTo((b2 - b1 * r1) / (r2 - r1), within(1e-14));
    }

    @Test
    void correctorAtOrderOneIsOneHalf() {
        assertThat(UniPcCoefficients.corrector(new double[0], new double[] {0.7})).containsExactly(0.5);
    }

    @Test
    void correctorAtOrderTwoSolvesBothConditionsWithTheNewPointAtROne() {
        // ρ1 + ρt = b1, ρ1 r1 + ρt = b2
        double r1 = -0.9, b1 = 0.51, b2 = 0.34;
        double[] rho = UniPcCoefficients.corrector(new double[] {r1}, new double[] {b1, b2});
        assertThat(rho[0]).isCloseTo((b1 - b2) / (1 - r1), within(1e-15));
        assertThat(rho[1]).isCloseTo((b2 - r1 * b1) / (1 - r1), within(1e-15));
    }

    @Test
    void correctorAtOrderThreeIsTheLagrangeFunctionalOfTheNodes() {
        // Σ_m ρ_m r_m^{k−1} = b_k for nodes (r1, r2, 1): ρ_m = (b3 − (r_a + r_b) b2 + r_a r_b b1)/((r_m − r_a)(r_m − r_b))
        double r1 = -1.2, r2 = -2.5, b1 = 0.53, b2 = 0.35, b3 = 0.26;
        double[] n = {r1, r2, 1};
        double[] rho = UniPcCoefficients.corrector(new double[] {r1, r2}, new double[] {b1, b2, b3});
        for (int m = 0; m < 3; m++) {
            double ra = n[(m + 1) % 3], rb = n[(m + 2) % 3];
            double expected = (b3 - (ra + rb) * b2 + ra * rb * b1) / ((n[m] - ra) * (n[m] - rb));
            assertThat(rho[m]).as("ρ_" + m).isCloseTo(expected, within(1e-14));
        }
    }

    @Test
    void solveMatchesAHandSolvedSystemThatNeedsPivoting() {
        // first pivot 0: x = (1, 2, 3)
        double[][] a = {{0, 2, 1}, {1, 1, 1}, {2, 0, 3}};
        double[] x = UniPcCoefficients.solve(a, new double[] {7, 6, 11});
        assertThat(x).containsExactly(new double[] {1, 2, 3}, within(1e-14));
    }

    @Test
    void vandermondeRowsArePowersOfTheRatios() {
        double[][] r = UniPcCoefficients.vandermonde(new double[] {-2, 3}, 3);
        assertThat(r[0]).containsExactly(1, 1);
        assertThat(r[1]).containsExactly(-2, 3);
        assertThat(r[2]).containsExactly(4, 9);
    }

    /**
     * UniPC-v at K = 2 by hand: C = [[1, r/2], [1, 1/2]], det = (1 − r)/2, so the predictor weighs D_1 by h φ_2 and
     * the official corrector D_1 by h φ_2 (C⁻¹)₀₀ = h φ_2/(1 − r) and D_t by h φ_3 (C⁻¹)₀₁ = −h φ_3 r/(1 − r) (row 0:
     * the loop variable's last value), with h φ_2 = (e^h − 1)/h − 1 and h φ_3 = h φ_2/h − 1/2.
     */
    @Test
    void varyCoefficientsAtOrderTwoMatchTheClosedForm() {
        double h = -0.37, r = -1.3;
        double phi2 = Math.expm1(h) / h - 1, phi3 = phi2 / h - 0.5;
        assertThat(UniPcCoefficients.vary(new double[] {r}, h, false)).containsExactly(new double[] {phi2}, within(1e-15));
        double[] c = UniPcCoefficients.vary(new double[] {r}, h, true);
        assertThat(c[0]).isCloseTo(phi2 / (1 - r), within(1e-15));
        assertThat(c[1]).isCloseTo(-phi3 * r / (1 - r), within(1e-15));
        assertThat(UniPcCoefficients.vary(new double[0], h, true)).containsExactly(new double[] {phi2}, within(1e-15)); // K = 1: C = [1]
    }
}
