package org.diffuse4j.api.schedule;

import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.ScheduleFamily;

/**
 * Karras et al. 2022 (arXiv:2206.00364), Table 1 "ours": α = 1, σ(t) = t for t ∈ [σ_min, σ_max], with the
 * data's standard deviation σ_data used by the preconditioning c_skip = σ_data²/(σ² + σ_data²),
 * c_out = σ σ_data/√(σ² + σ_data²), c_in = 1/√(σ² + σ_data²) (Eq. (7)). The network receives
 * c_noise = ¼ log σ.
 */
public record EdmSchedule(double sigmaMin, double sigmaMax, double sigmaData) implements Schedule {
    public EdmSchedule {
        if (!(0 < sigmaMin && sigmaMin < sigmaMax && Double.isFinite(sigmaMax))) {
            throw new ConfigurationException("sigma_min/sigma_max", "need 0 < sigma_min < sigma_max, got " + sigmaMin + ", " + sigmaMax);
        }
        if (!(sigmaData > 0)) throw new ConfigurationException("sigma_data", "must be positive, got " + sigmaData);
    }

    /** EDM's defaults: σ ∈ [0.002, 80], σ_data = 0.5. */
    public static EdmSchedule standard() { return new EdmSchedule(0.002, 80, 0.5); }

    /** c_skip(σ), Karras et al. 2022, Eq. (7). */
    public double cSkip(double sigma) { return sigmaData * sigmaData / (sigma * sigma + sigmaData * sigmaData); }

    /** c_out(σ), Karras et al. 2022, Eq. (7). */
    public double cOut(double sigma) { return sigma * sigmaData / Math.sqrt(sigma * sigma + sigmaData * sigmaData); }

    /** c_in(σ), Karras et al. 2022, Eq. (7). */
    public double cIn(double sigma) { return 1 / Math.sqrt(sigma * sigma + sigmaData * sigmaData); }

    @Override public ScheduleFamily family() { return ScheduleFamily.VE; }

    @Override public double tMin() { return sigmaMin; }

    @Override public double tMax() { return sigmaMax; }

    @Override public double logAlpha(double t) { return 0; }

    @Override public double alpha(double t) { return 1; }

    @Override public double sigma(double t) { return t; }

    @Override public double lambda(double t) { return -Math.log(t); }

    @Override public double tOfLambda(double lambda) { return Math.exp(-lambda); }

    @Override public double dAlpha(double t) { return 0; }

    @Override public double dSigma(double t) { return 1; }

    @Override public double modelTime(double t) { return 0.25 * Math.log(t); }
}
