package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Tensor;

/**
 * One step of the multistep SDE-DPM-Solver++ (Lu et al. 2022, arXiv:2211.01095, §4 and App. B; k-diffusion's
 * {@code sample_dpmpp_2m_sde} and {@code sample_dpmpp_3m_sde}, diffusers' {@code sde-dpmsolver++}) on the SDE family
 * with noise fraction η: x' = (σ'/σ) e^{−ηh} x + α'(1 − e^{−(1+η)h}) x̂₀ + α' Σ (corrections) + σ' √(1 − e^{−2ηh}) z,
 * h = λ' − λ. The corrections use divided differences of the previous x̂₀: second order midpoint (½(1 − e^{−ĥ}) D₁)
 * or Heun ((1 − e^{−ĥ})/(−ĥ) + 1) D₁ with ĥ = (1 + η)h; third order φ₂ D₁ − φ₃ D₂ with φ₂ = (e^{−ĥ} − 1)/ĥ + 1,
 * φ₃ = φ₂/ĥ − ½ (k-diffusion).
 */
final class DpmSdeMultistep {
    private DpmSdeMultistep() {}

    /** Second-order correction variants. */
    enum SolverType { MIDPOINT, HEUN }

    static MultistepState step(MultistepState s, Model model, NoiseSource noise, NoiseLevel from, NoiseLevel to, int order,
                               SolverType type, double eta, double sNoise, boolean diffusersThirdOrder) {
        Tensor x = s.x();
        Tensor x0 = model.data(x, from);
        double h = to.lambda() - from.lambda();
        if (to.isClean()) return s.next(x0.scale(to.alpha()), 1, x0, h);   // denoising step: x' = x̂₀
        double hHat = (1 + eta) * h;
        double phi1 = -Math.expm1(-hHat);                                     // 1 − e^{−(1+η)h}
        double cx = to.sigma() / from.sigma() * Math.exp(-eta * h);
        double a = to.alpha();
        double[] c;
        Tensor[] terms;
        if (order == 1) {
            c = new double[] {cx, a * phi1};
            terms = new Tensor[] {x, x0};
        } else if (order == 2) {
            double r = s.h1() / h;
            double w = type == SolverType.MIDPOINT ? 0.5 * phi1 : phi1 / -hHat + 1;
            // D₁ = (x̂₀ − x̂₀_prev)/r
            c = new double[] {cx, a * (phi1 + w / r), -a * w / r};
            terms = new Tensor[] {x, x0, s.previous1()};
        } else {
            double r0 = s.h1() / h, r1 = s.h2() / h;
            double phi2 = Math.expm1(-hHat) / hHat + 1;
            double phi3 = phi2 / hHat - 0.5;
            // diffusers' sde-dpmsolver++ order 3 weighs D₂ by (1 − e^{−2h} − 2h)/(2h)² − ½ = −φ₃ − 1 (at η = 1)
            double w2 = diffusersThirdOrder ? -phi3 - 1 : -phi3;
            // d1_0 = (m0 − m1)/r0, d1_1 = (m1 − m2)/r1, D1 = d1_0 + (d1_0 − d1_1) r0/(r0 + r1), D2 = (d1_0 − d1_1)/(r0 + r1)
            double k = r0 / (r0 + r1), q = 1 / (r0 + r1);
            double d10m0 = 1 / r0, d10m1 = -1 / r0, d11m1 = 1 / r1, d11m2 = -1 / r1;
            double d1m0 = d10m0 * (1 + k), d1m1 = d10m1 * (1 + k) - k * d11m1, d1m2 = -k * d11m2;
            double d2m0 = q * d10m0, d2m1 = q * (d10m1 - d11m1), d2m2 = -q * d11m2;
            c = new double[] {cx, a * (phi1 + phi2 * d1m0 + w2 * d2m0), a * (phi2 * d1m1 + w2 * d2m1), a * (phi2 * d1m2 + w2 * d2m2)};
            terms = new Tensor[] {x, x0, s.previous1(), s.previous2()};
        }
        Tensor next = Tensor.combine(c, terms);
        if (eta > 0) {
            Tensor z = Noise.draw(noise, x.shape(), from.sigmaVe(), to.sigmaVe());
            next = Tensor.combine(1, next, to.sigma() * Math.sqrt(-Math.expm1(-2 * eta * h)) * sNoise, z);
        }
        return s.next(next, order, x0, h);
    }
}
