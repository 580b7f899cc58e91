package org.diffuse4j.api.predict;

import java.util.Arrays;
import java.util.Locale;
import org.diffuse4j.api.ConfigurationException;

/**
 * What a network predicts from x_t = α x₀ + σ ε. Conversions between all of them are exact; see
 * {@link Predictions}.
 */
public enum Prediction {
    /** The noise ε (DDPM's ε-prediction). */
    EPSILON,
    /** The clean data x₀ (the denoised estimate). */
    DATA,
    /** v = α ε − σ x₀ (Salimans &amp; Ho 2022, arXiv:2202.00512, §4). */
    V,
    /** The score ∇ log p_t(x) = −ε/σ. */
    SCORE,
    /** The probability-flow velocity dx/dt = α′ x₀ + σ′ ε (rectified flow: ε − x₀). */
    VELOCITY;

    /** Parses a name as the libraries write it (epsilon/eps, sample/x0/data, v_prediction/v, score, flow/velocity). */
    public static Prediction parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return switch (n) {
            case "epsilon", "eps", "noise" -> EPSILON;
            case "sample", "x0", "x_start", "data", "original_sample" -> DATA;
            case "v", "v_prediction" -> V;
            case "score" -> SCORE;
            case "velocity", "flow", "flow_prediction" -> VELOCITY;
            default -> throw ConfigurationException.notAllowed("prediction", name, Arrays.asList(
                    "epsilon", "sample", "v_prediction", "score", "velocity"));
        };
    }

    /** Lower-case name. */
    public String id() { return name().toLowerCase(Locale.ROOT); }
}
