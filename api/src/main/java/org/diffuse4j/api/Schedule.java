package org.diffuse4j.api;

/**
 * A noise schedule for x_t = α_t x₀ + σ_t ε over a continuous time t ∈ [tMin, tMax]; sampling runs
 * from tMax (noise) towards tMin (data). λ_t = log(α_t/σ_t) is the half log-SNR; it decreases in t.
 */
@ExtensionPoint
public interface Schedule {
    /** The family, for solvers that declare which families they support. */
    ScheduleFamily family();

    /** Smallest time of the schedule (closest to data). */
    double tMin();

    /** Largest time of the schedule (pure noise end). */
    double tMax();

    /** log α_t (−∞ where α = 0). */
    double logAlpha(double t);

    /** α_t. */
    default double alpha(double t) { return Math.exp(logAlpha(t)); }

    /** σ_t. */
    double sigma(double t);

    /** λ_t = log α_t − log σ_t. */
    default double lambda(double t) { return logAlpha(t) - Math.log(sigma(t)); }

    /** The time t with λ_t = lambda (inverse of {@link #lambda(double)}). */
    double tOfLambda(double lambda);

    /** dα/dt (NaN where not defined). */
    double dAlpha(double t);

    /** dσ/dt (NaN where not defined). */
    double dSigma(double t);

    /** The value handed to a network as its time conditioning at time t. */
    double modelTime(double t);

    /** The full noise level at time t. */
    default NoiseLevel at(double t) {
        return new NoiseLevel(t, alpha(t), sigma(t), dAlpha(t), dSigma(t), modelTime(t));
    }

    /** The level at half log-SNR λ (through {@link #tOfLambda(double)}). */
    default NoiseLevel atLambda(double lambda) { return at(tOfLambda(lambda)); }
}
