package org.diffuse4j.samplers.ode;

/**
 * The weights of UniPC's B(h) variants (Zhao et al. 2023, arXiv:2302.04867, §3.1–3.3): with the ratios
 * r_m = (λ_{i−m} − λ_{i−1})/h of the history and r = 1 for the new point, the weights ρ solve the order
 * conditions Σ_m ρ_m r_m^{k−1} = b_k, b_k = k!·h φ_{k+1}(h)/B(h), k = 1 … p, where h φ_{k+1}(h) is built by the
 * recursion h φ_1 = e^h − 1, h φ_{k+1} = h φ_k/h − 1/k!. Pure functions of scalars.
 */
final class UniPcCoefficients {
    private UniPcCoefficients() {}

    /** b_1 … b_order for step h (in the solver's variable) and the chosen B(h). */
    static double[] rightHandSide(double h, UniPcVariant variant, int order) {
        double hPhiK = Math.expm1(h) / h - 1; // h φ_2(h)
        double factorial = 1;
        double bh = variant.of(h);
        double[] b = new double[order];
        for (int k = 1; k <= order; k++) {
            b[k - 1] = hPhiK * factorial / bh;
            factorial *= k + 1;
            hPhiK = hPhiK / h - 1 / factorial;
        }
        return b;
    }

    /**
     * UniP-p's weights of D_m = (m_{i−m} − m_{i−1})/r_m, m = 1 … p−1 (p = ratios + 1 ≥ 2): ρ = 1/2 at p = 2, as
     * both reference implementations simplify it, otherwise the first p−1 order conditions on the history alone.
     */
    static double[] predictor(double[] ratios, double[] b) {
        if (ratios.length == 0) return new double[0];
        if (ratios.length == 1) return new double[] {0.5};
        return solve(vandermonde(ratios, ratios.length), java.util.Arrays.copyOf(b, ratios.length));
    }

    /**
     * UniC-p's weights (Algorithm 1): those of the history's D_m, then that of D_t = m_t − m_{i−1} at the new
     * point (r = 1), from all p order conditions; ρ = 1/2 at p = 1, as both reference implementations simplify it.
     */
    static double[] corrector(double[] ratios, double[] b) {
        if (ratios.length == 0) return new double[] {0.5};
        double[] all = java.util.Arrays.copyOf(ratios, ratios.length + 1);
        all[ratios.length] = 1;
        return solve(vandermonde(all, all.length), java.util.Arrays.copyOf(b, all.length));
    }

    /**
     * UniPC-v (the official {@code multistep_uni_pc_vary_update}; Zhao et al. 2023, Appendix): with the ratios r_1 …
     * r_{K−1} of the history and r_K = 1, C[i][j] = r_i^j/(j+1)!, A_p = (C without its last row and column)⁻¹,
     * A_c = C⁻¹ and h φ_k from h φ_1 = e^h − 1, h φ_{k+1} = h φ_k/h − 1/k!, the update subtracts
     * Σ_{k<K−1} h φ_{k+2} Σ_j A[k][j] D_j (times α_t or σ_t). Returns the weight of each D_j = (m_j − m_0)/r_j,
     * and for the corrector last that of D_t = m_t − m_0: h φ_{K+1}·A_c[k][K−1] with k = max(K − 2, 0), the row the
     * official loop's variable holds when it leaves the loop.
     */
    static double[] vary(double[] ratios, double h, boolean corrector) {
        int kk = ratios.length + 1; // K
        double[] hPhi = new double[kk + 2]; // hPhi[k] = h φ_{k+1}
        hPhi[0] = Math.expm1(h);
        double factorial = 1;
        for (int k = 1; k < hPhi.length; k++) {
            hPhi[k] = hPhi[k - 1] / h - 1 / factorial;
            factorial *= k + 1;
        }
        double[] r = java.util.Arrays.copyOf(ratios, kk);
        r[kk - 1] = 1;
        int size = corrector ? kk : kk - 1;
        double[][] c = new double[size][size];
        for (int i = 0; i < size; i++) {
            double col = 1;
            for (int j = 0; j < size; j++) {
                c[i][j] = col;
                col = col * r[i] / (j + 2);
            }
        }
        double[][] inverse = new double[size][];
        for (int j = 0; j < size; j++) { // column j of C⁻¹
            double[] unit = new double[size];
            unit[j] = 1;
            inverse[j] = solve(c, unit);
        }
        double[] w = new double[corrector ? kk : kk - 1];
        for (int j = 0; j < kk - 1; j++) {
            for (int k = 0; k < kk - 1; k++) w[j] += hPhi[k + 1] * inverse[j][k]; // A[k][j] = (C⁻¹)[k][j] = column j, entry k
        }
        if (corrector) w[kk - 1] = hPhi[kk] * inverse[kk - 1][Math.max(kk - 2, 0)];
        return w;
    }

    /** R[k][m] = r_m^k, k = 0 … rows−1. */
    static double[][] vandermonde(double[] r, int rows) {
        double[][] a = new double[rows][r.length];
        for (int m = 0; m < r.length; m++) {
            double p = 1;
            for (int k = 0; k < rows; k++) {
                a[k][m] = p;
                p *= r[m];
            }
        }
        return a;
    }

    /** Solves a·x = y by Gaussian elimination with partial pivoting (the LU of {@code torch.linalg.solve}). */
    static double[] solve(double[][] a, double[] y) {
        int n = y.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) m[i] = a[i].clone();
        double[] x = y.clone();
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
            double[] rowSwap = m[c];
            m[c] = m[pivot];
            m[pivot] = rowSwap;
            double v = x[c];
            x[c] = x[pivot];
            x[pivot] = v;
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k < n; k++) m[r][k] -= f * m[c][k];
                x[r] -= f * x[c];
            }
        }
        for (int c = n - 1; c >= 0; c--) {
            double s = x[c];
            for (int k = c + 1; k < n; k++) s -= m[c][k] * x[k];
            x[c] = s / m[c][c];
        }
        return x;
    }
}
