package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Tensor;

/**
 * The first-order step of the PF-ODE in VE variables y = x/α, s = σ/α (Karras et al. 2022, arXiv:2206.00364,
 * Eq. (4) with x̂₀ frozen): y'' = y + (s'' − s)(y − x̂₀)/s = (s''/s) y + (1 − s''/s) x̂₀, plus optional noise of
 * standard deviation {@code noiseStd} (in y), landing in the VP state x' = α_L y' of a level L. Written in x
 * directly, x' = α_L (s''/σ) x + α_L (1 − s'' α/σ) x̂₀ + α_L c z, which stays finite where α = 0.
 */
final class VeStep {
    private VeStep() {}

    /** Coefficient of x for a move to VE noise level {@code target}, landing at {@code alphaLanding}. */
    static double cx(NoiseLevel from, double target, double alphaLanding) {
        return target == 0 ? 0 : alphaLanding * target / from.sigma();
    }

    /** Coefficient of x̂₀ for the same move. */
    static double c0(NoiseLevel from, double target, double alphaLanding) {
        return target == 0 ? alphaLanding : alphaLanding * (1 - target * from.alpha() / from.sigma());
    }

    /** x' = α_L[(s''/s) y + (1 − s''/s) x̂₀]: DDIM's step in σ-space, also DPM-Solver++(1). */
    static Tensor move(Tensor x, Tensor x0, NoiseLevel from, double target, double alphaLanding) {
        return Tensor.combine(cx(from, target, alphaLanding), x, c0(from, target, alphaLanding), x0);
    }

    /** The same move plus noise z of standard deviation {@code noiseStd} in y. */
    static Tensor move(Tensor x, Tensor x0, NoiseLevel from, double target, double alphaLanding, double noiseStd, Tensor z) {
        return Tensor.combine(cx(from, target, alphaLanding), x, c0(from, target, alphaLanding), x0, alphaLanding * noiseStd, z);
    }
}
