package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.ScheduleFamily;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;

/** Noise levels between grid levels, for the stages and churned levels of the k-diffusion family. */
final class Levels {
    private Levels() {}

    /**
     * The schedule's level at VE noise level s = σ/α. On a discrete schedule the network receives the fractional
     * timestep by log-linear interpolation of σ/α (diffusers {@code _sigma_to_t}, k-diffusion {@code sigma_to_t},
     * unrounded), as both libraries do for stages between their grid levels; elsewhere the schedule's own model
     * time at λ = −log s. Variance-preserving schedules (α² + σ² = 1) get α = 1/√(1 + s²) exactly; others take α
     * from the schedule.
     */
    static NoiseLevel atSigmaVe(Schedule schedule, double s) {
        if (schedule instanceof DiscreteVpSchedule d) {
            double k = d.timestepOfSigmaVe(s);
            double t = d.tOfTimestep(k);
            return NoiseLevel.ofSigmaVe(t, s, k).withDerivatives(d.dAlpha(t), d.dSigma(t));
        }
        double t = schedule.tOfLambda(-Math.log(s));
        boolean vp = !(schedule instanceof SubVpSchedule)
                && (schedule.family() == ScheduleFamily.DISCRETE_VP || schedule.family() == ScheduleFamily.CONTINUOUS_VP);
        double alpha = vp ? 1 / Math.hypot(s, 1) : schedule.alpha(t);
        return new NoiseLevel(t, alpha, s * alpha, schedule.dAlpha(t), schedule.dSigma(t), schedule.modelTime(t));
    }

    /** A level at VE noise level s: {@code at} itself when it has exactly that σ/α, else the schedule's. */
    static NoiseLevel atSigmaVe(Schedule schedule, double s, NoiseLevel at) {
        return at.sigmaVe() == s ? at : atSigmaVe(schedule, s);
    }

    /**
     * σ²_{t|s} = σ_t² − α_{t|s}² σ_s² with α_{t|s} = α_t/α_s: the variance of the forward transition from the
     * lower level {@code s} to {@code t} (Kingma et al. 2021, arXiv:2107.00630, Eq. (29)); clamped at 0.
     */
    static double transitionVariance(NoiseLevel t, NoiseLevel s) {
        double ats = t.alpha() / s.alpha();
        return Math.max(0, t.sigma() * t.sigma() - ats * ats * s.sigma() * s.sigma());
    }
}
