package org.diffuse4j.api;

/**
 * One noise level of the forward process x_t = α x₀ + σ ε: the schedule time {@code t}, the
 * coefficients α and σ, their time derivatives α′ = dα/dt and σ′ = dσ/dt (NaN where a grid point
 * has none), and the value handed to a network as time conditioning ({@code modelTime}).
 *
 * <p>Grid points carry α and σ explicitly rather than re-deriving them from t, because each
 * reference library interpolates a discrete schedule its own way (linearly in σ/α, in log σ/α or in
 * log α); the solver then uses exactly the noise level the library used.
 */
public record NoiseLevel(double t, double alpha, double sigma, double dAlpha, double dSigma, double modelTime) {
    public NoiseLevel {
        if (!(alpha >= 0) || !(sigma >= 0) || Double.isInfinite(alpha) || Double.isInfinite(sigma)) {
            throw new ConfigurationException("noise level", "need finite α ≥ 0 and σ ≥ 0, got α = " + alpha
                    + ", σ = " + sigma + " at t = " + t);
        }
        if (alpha == 0 && sigma == 0) {
            throw new ConfigurationException("noise level", "α and σ are both 0 at t = " + t);
        }
    }

    /** A level without known derivatives. */
    public static NoiseLevel of(double t, double alpha, double sigma, double modelTime) {
        return new NoiseLevel(t, alpha, sigma, Double.NaN, Double.NaN, modelTime);
    }

    /**
     * The VP level with VE noise level s = σ/α: α = 1/√(1 + s²), σ = s·α (s = +∞ gives α = 0, σ = 1).
     */
    public static NoiseLevel ofSigmaVe(double t, double s, double modelTime) {
        if (!(s >= 0)) throw new ConfigurationException("sigma", "need σ/α ≥ 0, got " + s);
        if (Double.isInfinite(s)) return of(t, 0, 1, modelTime);
        double alpha = 1 / Math.hypot(s, 1); // no overflow of s² for huge s
        return of(t, alpha, s * alpha, modelTime);
    }

    /** The clean-data level α = 1, σ = 0. */
    public static NoiseLevel clean(double t, double modelTime) {
        return of(t, 1, 0, modelTime);
    }

    /** Half log-SNR λ = log(α/σ); +∞ at clean data, −∞ at pure noise. */
    public double lambda() {
        return Math.log(alpha) - Math.log(sigma);
    }

    /** VE noise level σ/α (0 at clean data, +∞ where α = 0). */
    public double sigmaVe() {
        return alpha == 0 ? Double.POSITIVE_INFINITY : sigma / alpha;
    }

    /** True at clean data (σ = 0). */
    public boolean isClean() { return sigma == 0; }

    /** This level with another model time. */
    public NoiseLevel withModelTime(double newModelTime) {
        return new NoiseLevel(t, alpha, sigma, dAlpha, dSigma, newModelTime);
    }

    /** This level with time derivatives. */
    public NoiseLevel withDerivatives(double newDAlpha, double newDSigma) {
        return new NoiseLevel(t, alpha, sigma, newDAlpha, newDSigma, modelTime);
    }
}
