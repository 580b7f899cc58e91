package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.ScheduleFamily;

/**
 * The sub-VP SDE of Song et al. 2021 (arXiv:2011.13456), Eq. (11): dx = −½β(t) x dt + √(β(t)(1 − e^{−2∫₀ᵗβ})) dw
 * with linear β(t) = β_min + t(β_max − β_min), t ∈ [0, 1]. Its marginals are x_t = α x₀ + σ ε with
 * α = e^{−B/2} and σ = 1 − e^{−B}, B = ∫₀ᵗβ = β_min t + ½(β_max − β_min)t² (App. B); the variance stays below the
 * VP SDE's (α² + σ² &lt; 1). f = α′/α and g² = dσ²/dt − 2fσ² reproduce Eq. (11)'s drift and diffusion, so the
 * reverse-SDE solvers of this package ({@code euler-maruyama}, {@code pc}) run it unchanged.
 *
 * <p>The family is {@link ScheduleFamily#CONTINUOUS_VP} (continuous time, α = e^{−B/2} as the VP SDE), but the
 * schedule is not variance preserving: build grids from times ({@code Grids.uniformTime}, {@code uniformLambda},
 * {@code explicit}); {@code Grids.fromSigmasVe} and {@code Grids.karras} assume α² + σ² = 1 and do not apply.
 */
public record SubVpSchedule(double betaMin, double betaMax, double timeScale) implements Schedule {
    public SubVpSchedule {
        if (!(0 < betaMin && betaMin < betaMax && Double.isFinite(betaMax))) {
            throw new ConfigurationException("beta_min/beta_max", "need 0 < beta_min < beta_max, got " + betaMin + ", " + betaMax);
        }
        if (!(timeScale > 0 && Double.isFinite(timeScale))) {
            throw new ConfigurationException("time_scale", "need a positive finite value, got " + timeScale);
        }
    }

    /** β_min = 0.1, β_max = 20 (score_sde's subVPSDE defaults), model time t. */
    public static SubVpSchedule standard() { return new SubVpSchedule(0.1, 20, 1); }

    /** B(t) = ∫₀ᵗ β = β_min t + ½(β_max − β_min) t². */
    public double integratedBeta(double t) { return betaMin * t + 0.5 * (betaMax - betaMin) * t * t; }

    /** β(t). */
    public double beta(double t) { return betaMin + t * (betaMax - betaMin); }

    @Override public ScheduleFamily family() { return ScheduleFamily.CONTINUOUS_VP; }

    @Override public double tMin() { return 0; }

    @Override public double tMax() { return 1; }

    @Override public double logAlpha(double t) { return -0.5 * integratedBeta(t); }

    /** σ = 1 − e^{−B} (score_sde's subVPSDE.marginal_prob). */
    @Override public double sigma(double t) { return -Math.expm1(-integratedBeta(t)); }

    @Override public double lambda(double t) { return logAlpha(t) - Math.log(sigma(t)); }

    /** e^λ = u/(1 − u²) with u = α = e^{−B/2} ⇒ u = 2e^λ/(1 + √(1 + 4e^{2λ})), then B = −2 log u solved for t. */
    @Override public double tOfLambda(double lambda) {
        double u = lambda < 0 ? 2 * Math.exp(lambda) / (1 + Math.sqrt(1 + 4 * Math.exp(2 * lambda)))
                : 2 / (Math.exp(-lambda) + Math.sqrt(Math.exp(-2 * lambda) + 4));
        double b = -2 * Math.log(u);
        return 2 * b / (betaMin + Math.sqrt(betaMin * betaMin + 2 * (betaMax - betaMin) * b));
    }

    @Override public double dAlpha(double t) { return -0.5 * beta(t) * alpha(t); }

    /** dσ/dt = β e^{−B} = β α². */
    @Override public double dSigma(double t) {
        double a = alpha(t);
        return beta(t) * a * a;
    }

    @Override public double modelTime(double t) { return timeScale * t; }
}
