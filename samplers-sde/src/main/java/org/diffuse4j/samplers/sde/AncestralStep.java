package org.diffuse4j.samplers.sde;

/**
 * The split of a step from VE noise level s to s' into a deterministic move down to {@code sigmaDown} and fresh
 * noise of standard deviation {@code sigmaUp}, with sigmaDown² + sigmaUp² = s'²: k-diffusion's
 * {@code get_ancestral_step}, σ_up = min(s', η·s'·√(1 − s'²/s²)) (the DDPM posterior's standard deviation at η = 1;
 * Ho et al. 2020, arXiv:2006.11239, Eq. (7), in σ = √((1 − ᾱ)/ᾱ) variables).
 */
record AncestralStep(double sigmaDown, double sigmaUp) {
    static AncestralStep of(double s, double sNext, double eta) {
        if (eta == 0) return new AncestralStep(sNext, 0);
        // s'·√(1 − s'²/s²) = √(s'²(s² − s'²)/s²), finite at s = ∞
        double ratio = sNext / s;
        double up = Math.min(sNext, eta * sNext * Math.sqrt(Math.max(0, 1 - ratio * ratio)));
        return new AncestralStep(Math.sqrt(Math.max(0, sNext * sNext - up * up)), up);
    }
}
