package org.diffuse4j.models.train;

import java.util.List;
import org.diffuse4j.api.ConfigurationException;

/** The learning rate over training. */
public enum LearningRate {
    /** The peak rate throughout. */
    CONSTANT,
    /** Cosine decay from the peak to 0 (Loshchilov &amp; Hutter 2017, SGDR without restarts). */
    COSINE;

    /** The rate at 1-based {@code step} of {@code steps}. */
    public double at(double peak, int step, int steps) {
        return switch (this) {
            case CONSTANT -> peak;
            case COSINE -> 0.5 * peak * (1 + Math.cos(Math.PI * (step - 1) / steps));
        };
    }

    /** The name a model card records. */
    public String id() { return name().toLowerCase(java.util.Locale.ROOT); }

    /** By name. */
    public static LearningRate parse(String name) {
        return switch (name) {
            case "constant" -> CONSTANT;
            case "cosine" -> COSINE;
            default -> throw ConfigurationException.notAllowed("lr-schedule", name, List.of("constant", "cosine"));
        };
    }
}
