package org.diffuse4j.conformance;

import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.predict.Predictions;
import org.diffuse4j.models.analytic.GaussianMixture;
import org.diffuse4j.models.analytic.GaussianMixtureDenoiser;
import org.hipparchus.ode.ODEIntegrator;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/**
 * Exact probability-flow endpoints, computed by the kit: closed forms for Gaussians (including their consistency
 * function), integration for mixtures.
 */
public final class ReferenceFlow {
    private ReferenceFlow() {}

    /**
     * The PF-ODE for data N(μ, s² I) from x_T at level {@code from} to level {@code to}:
     * x = α μ + √(v/v_T)(x_T − α_T μ), v = α² s² + σ² (each coordinate's standardised value is conserved).
     */
    public static Tensor gaussian(double[] mean, double std, Tensor xT, NoiseLevel from, NoiseLevel to) {
        double vT = from.alpha() * from.alpha() * std * std + from.sigma() * from.sigma();
        double v = to.alpha() * to.alpha() * std * std + to.sigma() * to.sigma();
        double k = Math.sqrt(v / vT);
        int d = mean.length;
        double[] out = new double[xT.size()];
        for (int i = 0; i < xT.rows(); i++) {
            for (int j = 0; j < d; j++) {
                out[i * d + j] = to.alpha() * mean[j] + k * (xT.get(i, j) - from.alpha() * mean[j]);
            }
        }
        return Tensor.of(xT.shape(), out);
    }

    /**
     * The exact consistency function of data N(μ, s² I) as a model answering in {@code target}: the end point at t = 0
     * of the PF-ODE through (x, level), f(x) = μ + s/√(α² s² + σ²) · (x − α μ) (the standardised value is conserved),
     * which a consistency model's x₀ target is (Song et al. 2023, arXiv:2303.01469, Eq. (3)).
     */
    public static Denoiser consistencyFunction(double[] mean, double std, Prediction target) {
        double[] mu = mean.clone();
        return new Denoiser() {
            @Override public Prediction target() { return target; }

            @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning conditioning) {
                double a = level.alpha(), gain = std / Math.sqrt(a * a * std * std + level.sigma() * level.sigma());
                int d = mu.length;
                if (x.rowSize() != d) throw new IllegalArgumentException("consistency function of " + d + "-dimensional data, got rows of " + x.rowSize());
                double[] f = new double[x.size()];
                for (int i = 0; i < f.length; i++) f[i] = mu[i % d] + gain * (x.get(i) - a * mu[i % d]);
                return Predictions.convert(Prediction.DATA, target, x, Tensor.of(x.shape(), f), level);
            }
        };
    }

    /**
     * The PF-ODE endpoint at clean data: integrated to σ/α = 1e-6 as {@link #mixture}, then denoised there
     * (x̂₀ differs from x by O(s²) = 1e-12 relative at that level).
     */
    public static Tensor mixtureToData(GaussianMixture mixture, Tensor xT, NoiseLevel from) {
        NoiseLevel end = NoiseLevel.ofSigmaVe(0, 1e-6, 0);
        Tensor y = mixture(mixture, xT, from, end);
        return new GaussianMixtureDenoiser(mixture, Prediction.DATA).predict(y, end, org.diffuse4j.api.Conditioning.NONE);
    }

    /**
     * The PF-ODE of a mixture from x_T at {@code from} to {@code to}, integrated row by row in y = x/α, s = σ/α,
     * dy/ds = (y − x̂₀(y, s))/s, with Dormand–Prince 8(5,3) at relative and absolute tolerance 1e-12.
     * Requires α > 0 at both ends.
     */
    public static Tensor mixture(GaussianMixture mixture, Tensor xT, NoiseLevel from, NoiseLevel to) {
        if (!(from.alpha() > 0 && to.alpha() > 0)) throw new IllegalArgumentException("mixture reference needs α > 0 at both ends");
        GaussianMixtureDenoiser denoiser = new GaussianMixtureDenoiser(mixture, Prediction.DATA);
        int d = xT.rowSize();
        double sFrom = from.sigmaVe(), sTo = to.sigmaVe();
        double[] out = new double[xT.size()];
        for (int i = 0; i < xT.rows(); i++) {
            double[] y0 = xT.rowValues(i);
            for (int j = 0; j < d; j++) y0[j] /= from.alpha();
            if (sTo == 0) throw new IllegalArgumentException("integrate to a positive final σ; the kit compares at σ > 0");
            OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
                @Override public int getDimension() { return d; }

                @Override public double[] computeDerivatives(double s, double[] y) {
                    NoiseLevel level = NoiseLevel.ofSigmaVe(0, s, 0);
                    double[] x = y.clone();
                    for (int j = 0; j < d; j++) x[j] *= level.alpha();
                    double[] x0 = denoiser.predict(Tensor.of(new int[] {1, d}, x), level, org.diffuse4j.api.Conditioning.NONE).toArray();
                    double[] dy = new double[d];
                    for (int j = 0; j < d; j++) dy[j] = (y[j] - x0[j]) / s; // Karras et al. 2022, Eq. (4)
                    return dy;
                }
            };
            ODEIntegrator integrator = new DormandPrince853Integrator(1e-12, Math.abs(sFrom - sTo), 1e-12, 1e-12);
            double[] y = integrator.integrate(ode, new ODEState(sFrom, y0), sTo).getPrimaryState();
            for (int j = 0; j < d; j++) out[i * d + j] = y[j] * to.alpha();
        }
        return Tensor.of(xT.shape(), out);
    }
}
