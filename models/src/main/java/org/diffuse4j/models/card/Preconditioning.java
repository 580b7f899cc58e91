package org.diffuse4j.models.card;

import org.diffuse4j.api.ConfigurationException;

/**
 * EDM preconditioning of a network F into a denoiser of the VE state y = x/α at noise level s = σ/α:
 * D(y; s) = c_skip(s)·y + c_out(s)·F(c_in(s)·y; τ), with c_in = 1/√(s² + σ_d²),
 * c_skip = σ_d²/((s − s_min)² + σ_d²) and c_out = (s − s_min)·σ_d/√(s² + σ_d²).
 *
 * <p>With s_min = 0 this is Karras et al. 2022 (arXiv:2206.00364), Table 1; with s_min &gt; 0 it is the
 * consistency-model parametrisation of Song et al. 2023 (arXiv:2303.01469), App. C, which satisfies the
 * boundary condition D(y; s_min) = y exactly.
 *
 * @param sigmaData σ_d, the data standard deviation the network was trained with
 * @param sigmaMin  s_min, the smallest noise level (0 for plain EDM)
 */
public record Preconditioning(double sigmaData, double sigmaMin) {
    public Preconditioning {
        if (!(sigmaData > 0 && Double.isFinite(sigmaData))) {
            throw new ConfigurationException("preconditioning.sigma_data", "must be positive and finite, got " + sigmaData);
        }
        if (!(sigmaMin >= 0 && Double.isFinite(sigmaMin))) {
            throw new ConfigurationException("preconditioning.sigma_min", "must be ≥ 0 and finite, got " + sigmaMin);
        }
    }

    /** c_in(s) = 1/√(s² + σ_d²). */
    public double cIn(double s) { return 1 / Math.hypot(s, sigmaData); }

    /** c_skip(s) = σ_d²/((s − s_min)² + σ_d²). */
    public double cSkip(double s) {
        double d = s - sigmaMin;
        return sigmaData * sigmaData / (d * d + sigmaData * sigmaData);
    }

    /** c_out(s) = (s − s_min)·σ_d/√(s² + σ_d²). */
    public double cOut(double s) { return (s - sigmaMin) * sigmaData / Math.hypot(s, sigmaData); }
}
