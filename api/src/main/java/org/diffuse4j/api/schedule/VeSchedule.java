package org.diffuse4j.api.schedule;

import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.ScheduleFamily;

/**
 * Variance-exploding schedule: α = 1, σ(t) = σ_min (σ_max/σ_min)^t, t ∈ [0, 1]
 * (Song et al. 2021, arXiv:2011.13456, Eq. (31)). The network receives σ itself, as NCSN++ does.
 */
public record VeSchedule(double sigmaMin, double sigmaMax) implements Schedule {
    public VeSchedule {
        if (!(0 < sigmaMin && sigmaMin < sigmaMax && Double.isFinite(sigmaMax))) {
            throw new ConfigurationException("sigma_min/sigma_max", "need 0 < sigma_min < sigma_max, got "
                    + sigmaMin + ", " + sigmaMax);
        }
    }

    /** σ_min = 0.01, σ_max = 50 (score_sde's CIFAR-10 NCSN++). */
    public static VeSchedule standard() { return new VeSchedule(0.01, 50); }

    private double logRatio() { return Math.log(sigmaMax / sigmaMin); }

    @Override public ScheduleFamily family() { return ScheduleFamily.VE; }

    @Override public double tMin() { return 0; }

    @Override public double tMax() { return 1; }

    @Override public double logAlpha(double t) { return 0; }

    @Override public double alpha(double t) { return 1; }

    @Override public double sigma(double t) { return sigmaMin * Math.exp(t * logRatio()); }

    @Override public double lambda(double t) { return -Math.log(sigmaMin) - t * logRatio(); }

    @Override public double tOfLambda(double lambda) { return (-lambda - Math.log(sigmaMin)) / logRatio(); }

    @Override public double dAlpha(double t) { return 0; }

    @Override public double dSigma(double t) { return sigma(t) * logRatio(); }

    @Override public double modelTime(double t) { return sigma(t); }
}
