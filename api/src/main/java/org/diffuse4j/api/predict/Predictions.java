package org.diffuse4j.api.predict;

import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Tensor;

/**
 * Exact conversions between prediction targets at a given x_t and noise level. Notation: x_t = α x₀ + σ ε,
 * v = α ε − σ x₀, score = −ε/σ, velocity u = α′ x₀ + σ′ ε. Every conversion is linear in (x_t, prediction),
 * so it runs as one fused pass out = a·x + b·p.
 */
public final class Predictions {
    private Predictions() {}

    /** Converts {@code value}, a prediction of type {@code from} at ({@code x}, {@code level}), into {@code to}. */
    public static Tensor convert(Prediction from, Prediction to, Tensor x, Tensor value, NoiseLevel level) {
        if (from == to) return value;
        double[] c = coefficients(from, to, level);
        return Tensor.combine(c[0], x, c[1], value);
    }

    /**
     * Coefficients (a, b) with to = a·x + b·from. Derived by first expressing (x₀, ε) in (x, from),
     * then the target in (x₀, ε).
     */
    public static double[] coefficients(Prediction from, Prediction to, NoiseLevel level) {
        double a = level.alpha(), s = level.sigma();
        // x0 = p·x + q·value, eps = r·x + w·value
        double p, q, r, w;
        switch (from) {
            case EPSILON -> { p = 1 / a; q = -s / a; r = 0; w = 1; }
            case DATA -> { p = 0; q = 1; r = 1 / s; w = -a / s; }
            case V -> { // Salimans & Ho 2022: x0 = (α x − σ v)/(α²+σ²), ε = (σ x + α v)/(α²+σ²)
                double n = a * a + s * s;
                p = a / n; q = -s / n; r = s / n; w = a / n;
            }
            case SCORE -> { p = 1 / a; q = s * s / a; r = 0; w = -s; }   // ε = −σ·score
            case VELOCITY -> { // solve [α σ; α′ σ′][x0; ε] = [x; u]
                double da = level.dAlpha(), ds = level.dSigma();
                double det = a * ds - s * da;
                p = ds / det; q = -s / det; r = -da / det; w = a / det;
            }
            default -> throw new IllegalStateException(from.name());
        }
        return switch (to) {
            case DATA -> new double[] {p, q};
            case EPSILON -> new double[] {r, w};
            case V -> new double[] {a * r - s * p, a * w - s * q};
            case SCORE -> new double[] {-r / s, -w / s};
            case VELOCITY -> new double[] {level.dAlpha() * p + level.dSigma() * r,
                    level.dAlpha() * q + level.dSigma() * w};
        };
    }
}
