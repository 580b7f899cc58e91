package org.diffuse4j.api.schedule;

import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.ScheduleFamily;

/**
 * Continuous-time variance-preserving schedule with linear β(t) = β_min + t(β_max − β_min), t ∈ [0, 1]:
 * log α_t = −¼ t²(β_max − β_min) − ½ t β_min (Song et al. 2021, arXiv:2011.13456, Eq. (33)).
 * The network receives {@code timeScale}·t (1 for the official DPM-Solver, 999 for score_sde's DDPM++).
 */
public record VpLinearSchedule(double betaMin, double betaMax, double timeScale) implements Schedule {
    public VpLinearSchedule {
        if (!(0 < betaMin && betaMin < betaMax && Double.isFinite(betaMax))) {
            throw new ConfigurationException("beta_min/beta_max", "need 0 < beta_min < beta_max, got " + betaMin + ", " + betaMax);
        }
        if (!(timeScale > 0 && Double.isFinite(timeScale))) {
            throw new ConfigurationException("time_scale", "need a positive finite value, got " + timeScale);
        }
    }

    /** β_min = 0.1, β_max = 20 (DDPM's continuous limit), model time t. */
    public static VpLinearSchedule standard() { return new VpLinearSchedule(0.1, 20, 1); }

    @Override public ScheduleFamily family() { return ScheduleFamily.CONTINUOUS_VP; }

    @Override public double tMin() { return 0; }

    @Override public double tMax() { return 1; }

    @Override public double logAlpha(double t) { return -0.25 * t * t * (betaMax - betaMin) - 0.5 * t * betaMin; }

    @Override public double sigma(double t) { return Math.sqrt(-Math.expm1(2 * logAlpha(t))); }

    @Override public double lambda(double t) {
        double la = logAlpha(t);
        return la - 0.5 * Math.log(-Math.expm1(2 * la));
    }

    @Override public double tOfLambda(double lambda) {
        // Lu et al. 2022 (arXiv:2206.00927), App. D: t = 2 log(1+e^{−2λ}) / (√(β0² + 2(β1−β0) log(1+e^{−2λ})) + β0) / (β1−β0)·…
        double logTerm = lambda > 0 ? Math.log1p(Math.exp(-2 * lambda)) : -2 * lambda + Math.log1p(Math.exp(2 * lambda));
        double tmp = 2 * (betaMax - betaMin) * logTerm;
        double delta = betaMin * betaMin + tmp;
        return tmp / (Math.sqrt(delta) + betaMin) / (betaMax - betaMin);
    }

    @Override public double dAlpha(double t) { return alpha(t) * (-0.5 * t * (betaMax - betaMin) - 0.5 * betaMin); }

    @Override public double dSigma(double t) {
        double s = sigma(t);
        return s == 0 ? Double.NaN : -alpha(t) * dAlpha(t) / s;
    }

    @Override public double modelTime(double t) { return timeScale * t; }
}
