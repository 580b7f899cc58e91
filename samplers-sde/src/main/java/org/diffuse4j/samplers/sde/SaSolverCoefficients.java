package org.diffuse4j.samplers.sde;

/**
 * The coefficients of SA-Solver's stochastic Adams methods, Xue et al. 2023 (arXiv:2309.05019), Eqs. (13)–(15) and
 * App. A, in the form of diffusers' {@code SASolverScheduler}: the model outputs are interpolated by the Lagrange
 * polynomial through (λ_j, m_j) and integrated exactly against e^{(1+τ²)λ} (data prediction) or e^{−λ} (noise
 * prediction) over [λ_s, λ_t].
 */
final class SaSolverCoefficients {
    private SaSolverCoefficients() {}

    /** ∫_{start}^{end} e^{(1+τ²)λ} λ^k dλ for k = 0 … 3 (after the change of variables u = (1+τ²)λ). */
    static double exponentialPositive(int k, double start, double end, double tau) {
        double c = 1 + tau * tau;
        double e = c * end, s = c * start;
        double decay = Math.exp(-(e - s));
        return switch (k) {
            case 0 -> Math.exp(e) * (1 - decay) / c;
            case 1 -> Math.exp(e) * ((e - 1) - (s - 1) * decay) / (c * c);
            case 2 -> Math.exp(e) * ((e * e - 2 * e + 2) - (s * s - 2 * s + 2) * decay) / (c * c * c);
            case 3 -> Math.exp(e) * ((e * e * e - 3 * e * e + 6 * e - 6) - (s * s * s - 3 * s * s + 6 * s - 6) * decay) / (c * c * c * c);
            default -> throw new IllegalArgumentException("polynomial degree " + k + " outside 0 … 3");
        };
    }

    /** ∫_{start}^{end} e^{−λ} λ^k dλ for k = 0 … 3. */
    static double exponentialNegative(int k, double start, double end) {
        double grow = Math.exp(end - start), scale = Math.exp(-end);
        return switch (k) {
            case 0 -> scale * (grow - 1);
            case 1 -> scale * ((start + 1) * grow - (end + 1));
            case 2 -> scale * ((start * start + 2 * start + 2) * grow - (end * end + 2 * end + 2));
            case 3 -> scale * ((start * start * start + 3 * start * start + 6 * start + 6) * grow
                    - (end * end * end + 3 * end * end + 6 * end + 6));
            default -> throw new IllegalArgumentException("polynomial degree " + k + " outside 0 … 3");
        };
    }

    /**
     * The Lagrange basis polynomials through the nodes λ_0 … λ_n (n = nodes.length − 1 ≤ 3), expanded: row i holds
     * the coefficients of ℓ_i(λ) = Π_{j≠i}(λ − λ_j)/(λ_i − λ_j), highest power first.
     */
    static double[][] lagrange(double[] nodes) {
        int n = nodes.length;
        if (n < 1 || n > 4) throw new IllegalArgumentException("1 … 4 nodes, got " + n);
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            double denominator = 1;
            double[] poly = {1};                        // coefficients, highest power first
            for (int j = 0; j < n; j++) {
                if (j == i) continue;
                denominator *= nodes[i] - nodes[j];
                double[] next = new double[poly.length + 1];
                for (int k = 0; k < poly.length; k++) {
                    next[k] += poly[k];
                    next[k + 1] -= nodes[j] * poly[k];
                }
                poly = next;
            }
            for (int k = 0; k < poly.length; k++) poly[k] /= denominator;
            out[i] = poly;
        }
        return out;
    }

    /**
     * The weights of the model outputs m_0 … m_{p−1} (at the nodes {@code lambdas}, most recent first) in the
     * integral over [start, end]: Σ_j ℓ_i[j]·I(p − 1 − j), diffusers' {@code get_coefficients_fn}.
     */
    static double[] weights(double[] lambdas, double start, double end, double tau, boolean dataPrediction) {
        int p = lambdas.length;
        double[][] l = lagrange(lambdas);
        double[] w = new double[p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double integral = dataPrediction ? exponentialPositive(p - 1 - j, start, end, tau) : exponentialNegative(p - 1 - j, start, end);
                w[i] += l[i][j] * integral;
            }
        }
        return w;
    }
}
