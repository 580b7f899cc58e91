package org.diffuse4j.api.schedule;

import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.ScheduleFamily;

/**
 * Discrete-time variance-preserving schedule defined by ᾱ_k (k = 0 … N−1 training timesteps).
 *
 * <p>Continuous time follows the official DPM-Solver {@code NoiseScheduleVP('discrete')}
 * (Lu et al. 2022, arXiv:2206.00927, App. D): timestep k sits at t_k = (k+1)/N, so t ∈ [1/N, 1], and
 * log α_t is piecewise linear in t between the t_k (extrapolated linearly outside). The network
 * receives 1000·(t − 1/N), which is the integer timestep k when N = 1000.
 *
 * <p>The last timestep may have ᾱ = 0 (zero terminal SNR, Lin et al. 2024, arXiv:2305.08891): there α = 0,
 * σ = 1, λ = −∞ and σ/α = ∞.
 *
 * <p>The discrete helpers ({@link #timestep(int)}, {@link #sigmaVeAt(double)},
 * {@link #timestepOfSigmaVe(double)}) follow the conventions of diffusers and k-diffusion, which
 * interpolate σ/α instead; grids built from them carry those exact noise levels.
 */
public final class DiscreteVpSchedule implements Schedule {
    private final double[] alphasCumprod;
    private final double[] logAlpha;   // ½ log ᾱ_k
    private final double[] logSigmaVe; // log √((1 − ᾱ_k)/ᾱ_k), increasing in k
    private final int n;

    private DiscreteVpSchedule(double[] alphasCumprod) {
        this.n = alphasCumprod.length;
        if (n < 2) throw new ConfigurationException("alphas_cumprod", "need at least 2 timesteps, got " + n);
        this.alphasCumprod = alphasCumprod.clone();
        this.logAlpha = new double[n];
        this.logSigmaVe = new double[n];
        for (int k = 0; k < n; k++) {
            double ac = alphasCumprod[k];
            boolean zeroTerminal = k == n - 1 && ac == 0;
            if (!(ac > 0 && ac < 1) && !zeroTerminal) {
                throw new ConfigurationException("alphas_cumprod", "every value must lie in (0, 1) (the last may be 0); value["
                        + k + "] = " + ac);
            }
            if (k > 0 && !(ac < alphasCumprod[k - 1])) {
                throw new ConfigurationException("alphas_cumprod", "must decrease strictly; value[" + k + "] = " + ac
                        + " ≥ value[" + (k - 1) + "] = " + alphasCumprod[k - 1]);
            }
            logAlpha[k] = 0.5 * Math.log(ac);
            logSigmaVe[k] = 0.5 * Math.log((1 - ac) / ac);
        }
    }

    /** From a table of ᾱ_k. */
    public static DiscreteVpSchedule fromAlphasCumprod(double[] alphasCumprod) {
        return new DiscreteVpSchedule(alphasCumprod);
    }

    /** From training betas: ᾱ_k = Π (1 − β_i). */
    public static DiscreteVpSchedule fromBetas(double[] betas) {
        return new DiscreteVpSchedule(Betas.alphasCumprod(betas));
    }

    /**
     * The official DPM-Solver's {@code numerical_clip_alpha}: drops the final timesteps whose
     * λ is below {@code clippedLambda} (−5.1 there), which keeps cosine schedules stable.
     */
    public DiscreteVpSchedule clipLambdaBelow(double clippedLambda) {
        int keep = n;
        while (keep > 2 && logAlpha[keep - 1] - 0.5 * Math.log1p(-alphasCumprod[keep - 1]) < clippedLambda) keep--;
        if (keep == n) return this;
        double[] ac = new double[keep];
        System.arraycopy(alphasCumprod, 0, ac, 0, keep);
        return new DiscreteVpSchedule(ac);
    }

    /** Number of training timesteps N. */
    public int trainSteps() { return n; }

    /** ᾱ_k. */
    public double alphaCumprod(int k) { return alphasCumprod[checkIndex(k)]; }

    /** A copy of the ᾱ table. */
    public double[] alphasCumprod() { return alphasCumprod.clone(); }

    /** Continuous time of training timestep k (which may be fractional): (k + 1)/N. */
    public double tOfTimestep(double k) { return (k + 1) / n; }

    /** The VP level of integer timestep k: α = √ᾱ_k, σ = √(1 − ᾱ_k); the network receives k. */
    public NoiseLevel timestep(int k) {
        double ac = alphasCumprod[checkIndex(k)];
        double t = tOfTimestep(k);
        return new NoiseLevel(t, Math.sqrt(ac), Math.sqrt(1 - ac), dAlpha(t), dSigma(t), k);
    }

    /** σ/α of integer timestep k, as diffusers computes it: √((1 − ᾱ_k)/ᾱ_k). */
    public double sigmaVe(int k) {
        double ac = alphasCumprod[checkIndex(k)];
        return Math.sqrt((1 - ac) / ac);
    }

    /** σ/α at a fractional timestep by linear interpolation in σ/α (numpy {@code interp}, as diffusers does). */
    public double sigmaVeAt(double k) {
        if (!(k >= 0)) return sigmaVe(0);
        if (k >= n - 1) return sigmaVe(n - 1);
        int lo = (int) Math.floor(k);
        double w = k - lo;
        double s0 = sigmaVe(lo);
        return w == 0 ? s0 : s0 + (sigmaVe(lo + 1) - s0) * w;
    }

    /**
     * The fractional timestep of a noise level σ/α, by linear interpolation in log σ/α and clipped to
     * [0, N−1] (diffusers {@code _sigma_to_t}, k-diffusion {@code DiscreteSchedule.sigma_to_t}).
     */
    public double timestepOfSigmaVe(double s) {
        double logS = Math.log(Math.max(s, 1e-10));
        int low = -1;
        for (int k = 0; k < n; k++) {
            if (logS - logSigmaVe[k] >= 0) low = k;
        }
        low = Math.max(0, Math.min(low, n - 2));
        double lo = logSigmaVe[low], hi = logSigmaVe[low + 1];
        double w = Math.min(1, Math.max(0, (lo - logS) / (lo - hi)));
        return (1 - w) * low + w * (low + 1);
    }

    /** σ/α at a fractional timestep by linear interpolation in log σ/α (k-diffusion {@code t_to_sigma}). */
    public double sigmaVeOfTimestepLogLinear(double k) {
        double kk = Math.max(0, Math.min(n - 1, k));
        int low = (int) Math.floor(kk);
        int high = Math.min(low + 1, n - 1);
        double w = kk - low;
        return Math.exp((1 - w) * logSigmaVe[low] + w * logSigmaVe[high]);
    }

    private int checkIndex(int k) {
        if (k < 0 || k >= n) throw new ConfigurationException("timestep", k + " is outside [0, " + (n - 1) + "]");
        return k;
    }

    @Override public ScheduleFamily family() { return ScheduleFamily.DISCRETE_VP; }

    @Override public double tMin() { return 1.0 / n; }

    @Override public double tMax() { return 1.0; }

    // segment index and position for piecewise-linear interpolation in t (extrapolating at the ends)
    private int segment(double t) {
        int k = (int) Math.floor(t * n - 1);
        return Math.max(0, Math.min(n - 2, k));
    }

    @Override public double logAlpha(double t) {
        int k = segment(t);
        double w = t * n - 1 - k;
        if (w == 0) return logAlpha[k]; // exact at the timesteps, and −∞ · 0 never arises at a zero-SNR end
        return logAlpha[k] + w * (logAlpha[k + 1] - logAlpha[k]);
    }

    @Override public double sigma(double t) {
        return Math.sqrt(-Math.expm1(2 * logAlpha(t)));
    }

    @Override public double lambda(double t) {
        double la = logAlpha(t);
        return la - 0.5 * Math.log(-Math.expm1(2 * la));
    }

    @Override public double tOfLambda(double lambda) {
        // log α = −½ log(1 + e^{−2λ}), then invert the piecewise-linear log α (decreasing in t)
        double la = lambda > 0 ? -0.5 * Math.log1p(Math.exp(-2 * lambda))
                : lambda - 0.5 * Math.log1p(Math.exp(2 * lambda));
        int k = 0;
        while (k < n - 2 && logAlpha[k + 1] >= la) k++;
        double w = (la - logAlpha[k]) / (logAlpha[k + 1] - logAlpha[k]);
        return (k + 1 + w) / n;
    }

    @Override public double dAlpha(double t) {
        int k = segment(t);
        return alpha(t) * (logAlpha[k + 1] - logAlpha[k]) * n;
    }

    @Override public double dSigma(double t) {
        double a = alpha(t);
        return -a * dAlpha(t) / sigma(t);
    }

    @Override public double modelTime(double t) { return (t - 1.0 / n) * 1000.0; }

    @Override public String toString() { return "DiscreteVpSchedule[N=" + n + "]"; }
}
