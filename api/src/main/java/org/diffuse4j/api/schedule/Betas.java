package org.diffuse4j.api.schedule;

import org.diffuse4j.api.ConfigurationException;

/** Training beta tables of discrete-time VP models, as diffusers' {@code beta_schedule} names them. */
public final class Betas {
    private Betas() {}

    /** {@code linear}: linspace(βstart, βend, n) (Ho et al. 2020). */
    public static double[] linear(double betaStart, double betaEnd, int n) {
        check(betaStart, betaEnd, n);
        double[] b = new double[n];
        for (int i = 0; i < n; i++) b[i] = linspace(betaStart, betaEnd, n, i);
        return b;
    }

    /** {@code scaled_linear}: linspace(√βstart, √βend, n)² (Stable Diffusion). */
    public static double[] scaledLinear(double betaStart, double betaEnd, int n) {
        check(betaStart, betaEnd, n);
        double[] b = new double[n];
        double s0 = Math.sqrt(betaStart), s1 = Math.sqrt(betaEnd);
        for (int i = 0; i < n; i++) {
            double v = linspace(s0, s1, n, i);
            b[i] = v * v;
        }
        return b;
    }

    /**
     * {@code squaredcos_cap_v2}: ᾱ(t) = cos²((t + 0.008)/1.008 · π/2), β_i = min(1 − ᾱ((i+1)/n)/ᾱ(i/n), 0.999);
     * Nichol &amp; Dhariwal 2021 (arXiv:2102.09672), Eq. (17).
     */
    public static double[] squaredCosCapV2(int n) {
        if (n < 2) throw new ConfigurationException("num_train_timesteps", "need at least 2, got " + n);
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            double t1 = (double) i / n, t2 = (double) (i + 1) / n;
            b[i] = Math.min(1 - cosBar(t2) / cosBar(t1), 0.999);
        }
        return b;
    }

    private static double cosBar(double t) {
        double c = Math.cos((t + 0.008) / 1.008 * Math.PI / 2);
        return c * c;
    }

    /** ᾱ_k = Π_{i ≤ k} (1 − β_i). */
    public static double[] alphasCumprod(double[] betas) {
        double[] ac = new double[betas.length];
        double p = 1;
        for (int i = 0; i < betas.length; i++) {
            if (!(betas[i] > 0 && betas[i] < 1)) {
                throw new ConfigurationException("betas", "every beta must lie in (0, 1); beta[" + i + "] = " + betas[i]);
            }
            p *= 1 - betas[i];
            ac[i] = p;
        }
        return ac;
    }

    /**
     * Zero terminal SNR rescaling of Lin et al. 2024 (arXiv:2305.08891), Algorithm 1: shift and scale
     * √ᾱ so that the last step has ᾱ = 0 and the first keeps its value.
     */
    public static double[] rescaleZeroTerminalSnr(double[] betas) {
        double[] ac = alphasCumprod(betas);
        int n = ac.length;
        double[] s = new double[n];
        for (int i = 0; i < n; i++) s[i] = Math.sqrt(ac[i]);
        double s0 = s[0], sT = s[n - 1];
        for (int i = 0; i < n; i++) s[i] = (s[i] - sT) * s0 / (s0 - sT);
        double[] out = new double[n];
        double prev = 1;
        for (int i = 0; i < n; i++) {
            double a = s[i] * s[i];
            out[i] = 1 - a / prev;
            prev = a;
        }
        return out;
    }

    // numpy.linspace: start + i·step, with the last value exactly `end`
    private static double linspace(double start, double end, int n, int i) {
        if (n == 1) return start;
        if (i == n - 1) return end;
        return start + i * ((end - start) / (n - 1));
    }

    private static void check(double betaStart, double betaEnd, int n) {
        if (n < 2) throw new ConfigurationException("num_train_timesteps", "need at least 2, got " + n);
        if (!(betaStart > 0 && betaEnd > betaStart && betaEnd < 1)) {
            throw new ConfigurationException("beta_start/beta_end", "need 0 < beta_start < beta_end < 1, got "
                    + betaStart + ", " + betaEnd);
        }
    }
}
