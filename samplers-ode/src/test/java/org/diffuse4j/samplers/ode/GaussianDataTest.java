package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;

import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;

/**
 * Checks the test oracle itself: the closed-form probability-flow solution against a high-accuracy numerical
 * integration of the ODE in λ, d(x/σ)/dλ = e^λ x̂₀(x, λ) (Lu et al. 2022, arXiv:2211.01095, Eq. (9)), with
 * α = 1/√(1 + e^{−2λ}) and σ = α e^{−λ} on any variance-preserving schedule.
 */
class GaussianDataTest {
    private final GaussianData data = new GaussianData(new double[] {1.0, -0.5, 0.25, 2.0}, 0.5);

    private static NoiseLevel vpAt(double lambda) {
        double alpha = 1 / Math.sqrt(1 + Math.exp(-2 * lambda));
        return NoiseLevel.of(0, alpha, alpha * Math.exp(-lambda), 0);
    }

    @Test
    void closedFormFlowMatchesHighAccuracyIntegration() {
        double lambdaT = -2.68, lambdaEnd = 3.53;
        NoiseLevel from = vpAt(lambdaT), to = vpAt(lambdaEnd);
        Tensor xT = Tensor.of(new double[][] {{0.3, -1.1, 2.2, 0.05}});
        var denoiser = data.denoiser(Prediction.DATA);
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override public int getDimension() { return 4; }

            @Override public double[] computeDerivatives(double lambda, double[] y) {
                NoiseLevel l = vpAt(lambda);
                double[] x = new double[4];
                for (int i = 0; i < 4; i++) x[i] = l.sigma() * y[i];
                Tensor x0 = denoiser.predict(Tensor.of(new int[] {1, 4}, x), l, null);
                double[] dy = new double[4];
                for (int i = 0; i < 4; i++) dy[i] = Math.exp(lambda) * x0.get(i);
                return dy;
            }
        };
        double[] y0 = new double[4];
        for (int i = 0; i < 4; i++) y0[i] = xT.get(i) / from.sigma();
        var integrator = new DormandPrince853Integrator(1e-10, 1, 1e-13, 1e-13);
        double[] y = integrator.integrate(ode, new ODEState(lambdaT, y0), lambdaEnd).getPrimaryState();
        Tensor integrated = Tensor.of(new int[] {1, 4}, y).scale(to.sigma());
        assertThat(integrated.maxAbsDistance(data.flow(xT, from, to))).isLessThan(1e-9);
    }

    @Test
    void denoiserTargetsAgree() {
        NoiseLevel l = vpAt(0.3);
        Tensor x = Tensor.of(new double[][] {{0.3, -1.1, 2.2, 0.05}, {1, 1, 1, 1}});
        Tensor x0 = data.denoiser(Prediction.DATA).predict(x, l, null);
        Tensor eps = data.denoiser(Prediction.EPSILON).predict(x, l, null);
        assertThat(Tensor.combine(l.alpha(), x0, l.sigma(), eps).maxAbsDistance(x)).isLessThan(1e-14);
    }
}
