package org.diffuse4j.cli.replay.suite;

/**
 * diffusers' σ conventions on a discrete schedule, computed as the schedulers compute them in float64:
 * σ_k = √((1 − ᾱ_k)/ᾱ_k), {@code np.interp} at fractional timesteps, {@code _sigma_to_t} (linear in log σ),
 * and the Karras, exponential and Lu (uniform log-σ) inference schedules.
 */
public final class SigmaTable {
    final double[] alphasCumprod;
    final double[] sigmas;
    final double[] logSigmas;

    public SigmaTable(double[] alphasCumprod) {
        this.alphasCumprod = alphasCumprod.clone();
        int n = alphasCumprod.length;
        sigmas = new double[n];
        logSigmas = new double[n];
        for (int k = 0; k < n; k++) {
            sigmas[k] = Math.sqrt((1 - alphasCumprod[k]) / alphasCumprod[k]);
            logSigmas[k] = Math.log(sigmas[k]);
        }
    }

    int size() { return sigmas.length; }

    /** σ_k. */
    public double sigma(int k) { return sigmas[k]; }

    /** {@code np.interp(t, arange(N), sigmas)}. */
    public double interp(double t) {
        int n = sigmas.length;
        if (t <= 0) return sigmas[0];
        if (t >= n - 1) return sigmas[n - 1];
        int lo = (int) Math.floor(t);
        if (lo == t) return sigmas[lo];
        double slope = (sigmas[lo + 1] - sigmas[lo]) / 1.0;
        return slope * (t - lo) + sigmas[lo];
    }

    /** {@code _sigma_to_t}: the fractional timestep of σ, linear in log σ, clipped to [0, N−1]. */
    public double sigmaToT(double sigma) {
        double logSigma = Math.log(Math.max(sigma, 1e-10));
        int n = logSigmas.length;
        int low = 0;
        for (int k = 0; k < n; k++) if (logSigma - logSigmas[k] >= 0) low = k;
        low = Math.min(low, n - 2);
        double lo = logSigmas[low], hi = logSigmas[low + 1];
        double w = (lo - logSigma) / (lo - hi);
        w = Math.min(1, Math.max(0, w));
        return (1 - w) * low + w * (low + 1);
    }

    /** Karras et al. 2022 (arXiv:2206.00364), Eq. (5), as diffusers' {@code _convert_to_karras} (ρ = 7). */
    static double[] karras(int n, double sigmaMin, double sigmaMax) {
        // no ordering check: the inverse schedulers pass their ends swapped to get ascending σ's
        double minInv = Math.pow(sigmaMin, 1 / 7.0), maxInv = Math.pow(sigmaMax, 1 / 7.0);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = Math.pow(maxInv + linspace(0, 1, n, i) * (minInv - maxInv), 7.0);
        return out;
    }

    /** {@code _convert_to_exponential}: exp(linspace(log σ_max, log σ_min, n)). */
    public static double[] exponential(int n, double sigmaMin, double sigmaMax) {
        double[] out = new double[n];
        double a = Math.log(sigmaMax), b = Math.log(sigmaMin);
        for (int i = 0; i < n; i++) out[i] = Math.exp(linspace(a, b, n, i));
        return out;
    }

    /** {@code _convert_to_lu} on log σ: exp(log σ_max + ramp·(log σ_min − log σ_max)), ρ = 1 (uniform in λ). */
    double[] lu(int n) {
        double max = logSigmas[logSigmas.length - 1], min = logSigmas[0];
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = Math.exp(max + linspace(0, 1, n, i) * (min - max));
        return out;
    }

    /**
     * {@code _convert_to_beta} (Lee et al. 2024, arXiv:2407.12173): σ_min + ppf(1 − linspace(0, 1, n)) (σ_max − σ_min)
     * with the quantile function of Beta(0.6, 0.6), as scipy.stats.beta.ppf.
     */
    public static double[] beta(int n, double sigmaMin, double sigmaMax) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = sigmaMin + org.diffuse4j.cli.replay.BetaQuantile.ppf(1 - linspace(0, 1, n, i), 0.6, 0.6) * (sigmaMax - sigmaMin);
        }
        return out;
    }

    /**
     * Euler's {@code interpolation_type="log_linear"}: torch.linspace(log σ_{N−1}, log σ₀, n + 1).exp().
     */
    double[] logLinear(int n) {
        double[] out = new double[n + 1];
        double a = logSigmas[logSigmas.length - 1], b = logSigmas[0];
        for (int i = 0; i <= n; i++) out[i] = Math.exp(EdmFamily.torchLinspace(a, b, n + 1, i));
        return out;
    }

    /** numpy.linspace(start, end, n)[i]. */
    static double linspace(double start, double end, int n, int i) {
        if (n == 1) return start;
        if (i == n - 1) return end;
        double step = (end - start) / (n - 1);
        return i * step + start;
    }
}
