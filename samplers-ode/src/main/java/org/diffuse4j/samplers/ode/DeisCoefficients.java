package org.diffuse4j.samplers.ode;

/**
 * DEIS's ρAB weights in log ρ (Zhang &amp; Chen 2023, arXiv:2204.13902, §4 "ρAB-DEIS", with diffusers'
 * {@code solver_type = "logrho"}): in ρ = σ/α the probability-flow ODE is d(x/α)/dρ = ε̂, and ε̂ is
 * extrapolated by the Lagrange polynomial through the last p outputs in u = log ρ, so that
 * x_t/α_t = x_s/α_s + Σ_j w_j ε̂_j with w_j = ∫_{ρ_s}^{ρ_t} ℓ_j(log ρ) dρ. Each ℓ_j is expanded in powers of u
 * and integrated exactly with ∫ (log ρ)^n dρ = ρ Σ_{k≤n} (−1)^{n−k} n!/k! (log ρ)^k, which vanishes at ρ = 0.
 */
final class DeisCoefficients {
    private DeisCoefficients() {}

    /** w_j for the nodes ρ_j (nodes[0] = ρ_s, the newest, where the step starts) and the landing ρ_t ≥ 0. */
    static double[] weights(double[] nodes, double rhoTo) {
        int p = nodes.length;
        double[] u = new double[p];
        for (int j = 0; j < p; j++) u[j] = Math.log(nodes[j]);
        double[] from = primitives(nodes[0], p), to = primitives(rhoTo, p);
        double[] w = new double[p];
        for (int j = 0; j < p; j++) {
            double[] poly = {1}; // Π_{m≠j} (u − u_m), lowest power first
            double denominator = 1;
            for (int m = 0; m < p; m++) {
                if (m == j) continue;
                double[] next = new double[poly.length + 1];
                for (int n = 0; n < poly.length; n++) {
                    next[n + 1] += poly[n];
                    next[n] -= u[m] * poly[n];
                }
                poly = next;
                denominator *= u[j] - u[m];
            }
            double integral = 0;
            for (int n = 0; n < poly.length; n++) integral += poly[n] * (to[n] - from[n]);
            w[j] = integral / denominator;
        }
        return w;
    }

    /** P_n(ρ) = ∫ (log ρ)^n dρ for n = 0 … count−1 (P_n(0) = 0). */
    static double[] primitives(double rho, int count) {
        double[] out = new double[count];
        if (rho == 0) return out;
        double l = Math.log(rho);
        double[] powers = new double[count];
        powers[0] = 1;
        for (int k = 1; k < count; k++) powers[k] = powers[k - 1] * l;
        for (int n = 0; n < count; n++) {
            double s = 0, coefficient = 1; // (−1)^{n−k} n!/k!, from k = n down
            for (int k = n; k >= 0; k--) {
                s += coefficient * powers[k];
                coefficient *= -k;
            }
            out[n] = rho * s;
        }
        return out;
    }
}
