package org.diffuse4j.samplers.sde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.junit.jupiter.api.Test;

class SaSolverCoefficientsTest {
    /** Simpson's rule with 20 000 panels. */
    private static double integrate(java.util.function.DoubleUnaryOperator f, double a, double b) {
        int n = 20_000;
        double h = (b - a) / n, s = f.applyAsDouble(a) + f.applyAsDouble(b);
        for (int i = 1; i < n; i++) s += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(a + i * h);
        return s * h / 3;
    }

    @Test
    void exponentialIntegralsMatchQuadrature() {
        for (int k = 0; k <= 3; k++) {
            int kk = k;
            for (double tau : new double[] {0, 0.6, 1}) {
                double c = 1 + tau * tau;
                assertThat(SaSolverCoefficients.exponentialPositive(k, -1.3, 0.4, tau)).as("positive k=%d τ=%s", k, tau)
                        .isCloseTo(integrate(l -> Math.exp(c * l) * Math.pow(l, kk), -1.3, 0.4), within(1e-10));
            }
            assertThat(SaSolverCoefficients.exponentialNegative(k, -1.3, 0.4)).as("negative k=%d", k)
                    .isCloseTo(integrate(l -> Math.exp(-l) * Math.pow(l, kk), -1.3, 0.4), within(1e-10));
        }
    }

    @Test
    void lagrangeBasisInterpolates() {
        double[] nodes = {0.7, -0.1, -0.9, -2.0};
        for (int n = 1; n <= 4; n++) {
            double[] sub = java.util.Arrays.copyOf(nodes, n);
            double[][] l = SaSolverCoefficients.lagrange(sub);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double v = 0;
                    for (double coefficient : l[i]) v = v * sub[j] + coefficient;   // Horner, highest power first
                    assertThat(v).as("ℓ_%d(λ_%d) with %d nodes", i, j, n).isCloseTo(i == j ? 1 : 0, within(1e-12));
                }
            }
        }
    }

    @Test
    void weightsIntegrateTheInterpolatingPolynomial() {
        // Σ_i b_i m_i = ∫ e^{(1+τ²)λ} p(λ) dλ where p interpolates (λ_i, m_i); m_i = λ_i² is reproduced exactly for 3 nodes
        double[] nodes = {0.2, -0.5, -1.1};
        double[] w = SaSolverCoefficients.weights(nodes, 0.2, 0.9, 0.8, true);
        double sum = 0;
        for (int i = 0; i < 3; i++) sum += w[i] * nodes[i] * nodes[i];
        double c = 1 + 0.64;
        assertThat(sum).isCloseTo(integrate(l -> Math.exp(c * l) * l * l, 0.2, 0.9), within(1e-10));
    }

    @Test
    void firstOrderPredictorWithTauOneIsSdeDpmSolverPlusPlusOne() {
        // one step (no corrector yet), p = 1, τ = 1: x_t = e^{−h}(σ_t/σ_s) x + 2σ_t e^{−λ_t}·(e^{2λ_t} − e^{2λ_s})/2 x̂₀ + σ_t√(1 − e^{−2h}) ξ
        //                       = (σ_t/σ_s) e^{−h} x + α_t(1 − e^{−2h}) x̂₀ + σ_t √(1 − e^{−2h}) ξ, dpmpp-2m-sde's first-order step at η = 1
        Grid grid = Grids.uniformLambda(VpLinearSchedule.standard(), 1, 0.8, 0.3);
        var data = org.diffuse4j.models.analytic.GaussianMixture.single(new double[] {0.3, -0.2}, 0.6);
        var denoiser = new org.diffuse4j.models.analytic.GaussianMixtureDenoiser(data, Prediction.DATA);
        Tensor xT = NoiseSource.seeded(2).gaussian(5, 2);
        Tensor sa = Sampler.sample(new SaSolverProvider().create(SolverConfig.of(grid, Prediction.DATA).withOptions(
                SolverOptions.parse(List.of("predictor_order=1", "corrector_order=1")))), denoiser, xT, NoiseSource.seeded(3)).samples();
        Tensor dpm = Sampler.sample(new DpmSolverPlusPlus2MSdeProvider().create(SolverConfig.of(grid, Prediction.DATA).withOptions(
                SolverOptions.parse(List.of("solver_order=1")))), denoiser, xT, NoiseSource.seeded(3)).samples();
        assertThat(sa.maxAbsDistance(dpm)).isLessThan(1e-12);
    }
}
