package org.diffuse4j.samplers.ode;

/**
 * Coefficients of linear multistep methods, newest value first. All are immutable results of pure functions.
 */
final class MultistepCoefficients {
    private MultistepCoefficients() {}

    private static final double[][] ADAMS_BASHFORTH = {
            {1},
            {3.0 / 2, -1.0 / 2},
            {23.0 / 12, -16.0 / 12, 5.0 / 12},
            {55.0 / 24, -59.0 / 24, 37.0 / 24, -9.0 / 24}};

    /**
     * The k-step Adams–Bashforth weights for equal steps, k = 1 … 4 (Hairer, Nørsett &amp; Wanner I, Table III.1.1):
     * y' = y + h Σ_j β_j f_{n−j}. PNDM's PLMS (Liu et al. 2022, arXiv:2202.09778, Eq. (12)) and iPNDM use them
     * whatever the steps.
     */
    static double[] adamsBashforth(int k) {
        if (k < 1 || k > ADAMS_BASHFORTH.length) throw new IllegalArgumentException("Adams–Bashforth order " + k + " outside 1 … 4");
        return ADAMS_BASHFORTH[k - 1].clone();
    }

    /**
     * ∫_{nodes[0]}^{end} ℓ_j(τ) dτ for the Lagrange basis ℓ_j of the nodes (nodes[0] the newest): the weights of
     * the variable-step Adams–Bashforth method in σ of k-diffusion's {@code sample_lms} and diffusers'
     * LMSDiscreteScheduler, which integrate them with {@code scipy.integrate.quad}. Here the integral is exact:
     * each basis polynomial is expanded in u = τ − nodes[0] and integrated term by term.
     */
    static double[] lagrangeIntegrated(double[] nodes, double end) {
        int k = nodes.length;
        double h = end - nodes[0];
        double[] d = new double[k];
        for (int m = 0; m < k; m++) d[m] = nodes[m] - nodes[0];
        double[] out = new double[k];
        for (int j = 0; j < k; j++) {
            double[] poly = {1}; // coefficients of Π_{m≠j} (u − d_m), lowest power first
            double denominator = 1;
            for (int m = 0; m < k; m++) {
                if (m == j) continue;
                double[] next = new double[poly.length + 1];
                for (int p = 0; p < poly.length; p++) {
                    next[p + 1] += poly[p];
                    next[p] -= d[m] * poly[p];
                }
                poly = next;
                denominator *= d[j] - d[m];
            }
            double integral = 0, hp = h; // Σ_p c_p h^{p+1}/(p+1)
            for (int p = 0; p < poly.length; p++) {
                integral += poly[p] * hp / (p + 1);
                hp *= h;
            }
            out[j] = integral / denominator;
        }
        return out;
    }
}
