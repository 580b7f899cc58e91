package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Tensor;

/** The data-prediction exponential-integrator steps shared by the first- and second-order solvers. */
final class ExponentialIntegrator {
    private ExponentialIntegrator() {}

    /** h = λ(to) − λ(from). */
    static double h(NoiseLevel from, NoiseLevel to) {
        return to.lambda() - from.lambda();
    }

    /** σ'/σ, exactly 0 when landing on clean data. */
    static double sigmaRatio(NoiseLevel from, NoiseLevel to) {
        return to.sigma() == 0 ? 0 : to.sigma() / from.sigma();
    }

    /**
     * DPM-Solver++(1) ≡ DDIM (η = 0): x' = (σ'/σ) x − α' (e^{−h} − 1) x̂₀;
     * Lu et al. 2022 (arXiv:2211.01095), Eq. (8) with k = 1; Song et al. 2021 (arXiv:2010.02502), Eq. (12).
     */
    static Tensor firstOrder(Tensor x, Tensor x0, NoiseLevel from, NoiseLevel to) {
        double phi1 = Math.expm1(-h(from, to));
        return Tensor.combine(sigmaRatio(from, to), x, -to.alpha() * phi1, x0);
    }
}
