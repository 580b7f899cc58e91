package org.diffuse4j.api.schedule;

import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.ScheduleFamily;

/**
 * Rectified flow: α = 1 − t, σ = t, t ∈ [0, 1], data at t = 0 (Liu et al. 2022, arXiv:2209.03003).
 * The network receives {@code timeScale}·t (diffusers' flow-matching schedulers hand out 1000·σ).
 */
public record RectifiedFlowSchedule(double timeScale) implements Schedule {
    public RectifiedFlowSchedule {
        if (!(timeScale > 0 && Double.isFinite(timeScale))) {
            throw new ConfigurationException("time_scale", "need a positive finite value, got " + timeScale);
        }
    }

    /** Model time 1000·t, as diffusers' FlowMatch schedulers. */
    public static RectifiedFlowSchedule standard() { return new RectifiedFlowSchedule(1000); }

    @Override public ScheduleFamily family() { return ScheduleFamily.RECTIFIED_FLOW; }

    @Override public double tMin() { return 0; }

    @Override public double tMax() { return 1; }

    @Override public double logAlpha(double t) { return Math.log1p(-t); }

    @Override public double alpha(double t) { return 1 - t; }

    @Override public double sigma(double t) { return t; }

    @Override public double lambda(double t) { return Math.log1p(-t) - Math.log(t); }

    /** λ = log((1−t)/t) ⇒ t = 1/(1 + e^λ). */
    @Override public double tOfLambda(double lambda) {
        return lambda > 0 ? Math.exp(-lambda) / (1 + Math.exp(-lambda)) : 1 / (1 + Math.exp(lambda));
    }

    @Override public double dAlpha(double t) { return -1; }

    @Override public double dSigma(double t) { return 1; }

    @Override public double modelTime(double t) { return timeScale * t; }
}
