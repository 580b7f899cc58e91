package org.diffuse4j.cli.replay.suite;

import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.ScheduleFamily;

/**
 * diffusers' IPNDMScheduler noise schedule over s ∈ [0, 1]: σ(s) = sin²(πs/2) (its {@code betas}), α(s) = √(1 − σ²)
 * (its {@code alphas}), the model time atan2(σ, α)·2/π. Variance preserving (α² + σ² = 1); α = 0 at s = 1.
 */
record IpndmSchedule() implements Schedule {
    @Override public ScheduleFamily family() { return ScheduleFamily.CONTINUOUS_VP; }

    @Override public double tMin() { return 0; }

    @Override public double tMax() { return 1; }

    @Override public double sigma(double t) {
        double s = Math.sin(t * Math.PI / 2);
        return s * s;
    }

    @Override public double alpha(double t) {
        double sigma = sigma(t);
        return Math.sqrt(1 - sigma * sigma);
    }

    @Override public double logAlpha(double t) { return Math.log(alpha(t)); }

    /** σ = 1/√(1 + e^{2λ}) (α² + σ² = 1), then s = (2/π) asin √σ. */
    @Override public double tOfLambda(double lambda) {
        double sigma = 1 / Math.sqrt(1 + Math.exp(2 * lambda));
        return 2 / Math.PI * Math.asin(Math.sqrt(sigma));
    }

    /** dσ/ds = 2 sin(πs/2) cos(πs/2) π/2 = (π/2) sin(πs). */
    @Override public double dSigma(double t) { return Math.PI / 2 * Math.sin(Math.PI * t); }

    /** dα/ds = −σ σ′/α (from α² + σ² = 1); NaN at α = 0. */
    @Override public double dAlpha(double t) {
        double a = alpha(t);
        return a == 0 ? Double.NaN : -sigma(t) * dSigma(t) / a;
    }

    /** The timestep IPNDMScheduler hands the model: atan2(σ, α)/π·2. */
    @Override public double modelTime(double t) { return Math.atan2(sigma(t), alpha(t)) / Math.PI * 2; }
}
