package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;

/**
 * Drift and diffusion of the forward SDE dx = f x dt + g dw whose marginals are x_t = α x₀ + σ ε:
 * f = α′/α and g² = dσ²/dt − 2fσ² (Song et al. 2021, arXiv:2011.13456, Eq. (5) and App. B; Kingma et al. 2021,
 * App. A). For VP this is f = −β/2, g² = β; for VE f = 0, g² = dσ²/dt; for sub-VP Eq. (11).
 */
record ReverseSde(double f, double g2) {
    static ReverseSde at(NoiseLevel l) {
        double f = l.dAlpha() / l.alpha();
        double g2 = 2 * l.sigma() * l.dSigma() - 2 * f * l.sigma() * l.sigma();
        if (!Double.isFinite(f) || !Double.isFinite(g2) || !(g2 >= 0)) {
            throw new IllegalStateException("the reverse SDE needs finite drift and diffusion at t = " + l.t()
                    + " (f = " + f + ", g² = " + g2 + "); the grid's levels need α > 0 and time derivatives");
        }
        return new ReverseSde(f, g2);
    }

    /** Refuses grids whose step starts lack α &gt; 0 or time derivatives, naming the solver and the level. */
    static void requireDerivatives(String solver, Grid grid) {
        for (int i = 0; i < grid.steps(); i++) {
            NoiseLevel l = grid.from(i);
            if (!(l.alpha() > 0) || Double.isNaN(l.dAlpha()) || Double.isNaN(l.dSigma())) {
                throw new ConfigurationException("grid", solver + " needs α > 0 and time derivatives at every step; level "
                        + i + " (t = " + l.t() + ") has α = " + l.alpha() + ", α′ = " + l.dAlpha() + ", σ′ = " + l.dSigma());
            }
        }
    }
}
