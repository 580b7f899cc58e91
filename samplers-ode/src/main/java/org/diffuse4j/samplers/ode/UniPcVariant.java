package org.diffuse4j.samplers.ode;

/**
 * The choice of B(h) in UniPC's order conditions (Zhao et al. 2023, arXiv:2302.04867, §3.3): any B(h) = O(h)
 * keeps the order; the paper, the official {@code uni_pc.py} and diffusers offer bh1 and bh2. Here h is the
 * step in the solver's variable (−Δλ in data prediction, Δλ in noise prediction). The official code also offers
 * UniPC-v ({@code vary_coeff}, the paper's Appendix), whose coefficients vary with the order instead of one B(h).
 */
public enum UniPcVariant {
    /** B(h) = h; the official default, recommended for unconditional sampling with few steps. */
    BH1,
    /** B(h) = e^h − 1; diffusers' default. */
    BH2,
    /** UniPC-v: the official {@code multistep_uni_pc_vary_update}; no single B(h) (see {@link UniPcCoefficients#vary}). */
    VARY_COEFF;

    /** B(h) of a B(h) variant. */
    public double of(double h) {
        return switch (this) {
            case BH1 -> h;
            case BH2 -> Math.expm1(h);
            case VARY_COEFF -> throw new IllegalStateException("UniPC-v (vary_coeff) has no single B(h)");
        };
    }
}
