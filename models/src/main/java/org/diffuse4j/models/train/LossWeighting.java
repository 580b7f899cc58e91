package org.diffuse4j.models.train;

import java.util.List;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.predict.Prediction;

/**
 * The per-example weight of the training loss. Apart from {@link Uniform}, a weighting fixes the effective
 * weight w(t) on the x₀ error ‖x̂₀ − x₀‖² and {@link #multiplier} converts it to the objective's own squared
 * error (see the package documentation for the factors c(t)).
 */
public sealed interface LossWeighting {
    /** The names {@link #parse} accepts. */
    List<String> NAMES = List.of("uniform", "snr", "min-snr", "truncated-snr");

    /** Multiplier of the objective's squared error at {@code level}. */
    double multiplier(Prediction objective, NoiseLevel level);

    /** The name a model card records. */
    String id();

    /** The objective's plain mean squared error (Ho et al. 2020's L_simple for ε). */
    record Uniform() implements LossWeighting {
        @Override public double multiplier(Prediction objective, NoiseLevel level) { return 1; }

        @Override public String id() { return "uniform"; }
    }

    /** w = SNR: the x₀ error weighted by SNR, i.e. the ε error unweighted, whatever the objective. */
    record Snr() implements LossWeighting {
        @Override public double multiplier(Prediction objective, NoiseLevel level) { return snr(level) / factor(objective, level); }

        @Override public String id() { return "snr"; }
    }

    /** Min-SNR-γ: w = min(SNR, γ); Hang et al. 2023 (arXiv:2303.09556), Eq. (10). */
    record MinSnr(double gamma) implements LossWeighting {
        public MinSnr {
            if (!(gamma > 0)) throw new ConfigurationException("snr-gamma", "must be positive, got " + gamma);
        }

        @Override public double multiplier(Prediction objective, NoiseLevel level) {
            return Math.min(snr(level), gamma) / factor(objective, level);
        }

        @Override public String id() { return "min-snr"; }
    }

    /** Truncated SNR: w = max(SNR, 1); Salimans &amp; Ho 2022 (arXiv:2202.00512), §4. */
    record TruncatedSnr() implements LossWeighting {
        @Override public double multiplier(Prediction objective, NoiseLevel level) {
            return Math.max(snr(level), 1) / factor(objective, level);
        }

        @Override public String id() { return "truncated-snr"; }
    }

    /** By name; {@code gamma} is used by min-snr only. */
    static LossWeighting parse(String name, double gamma) {
        return switch (name) {
            case "uniform" -> new Uniform();
            case "snr" -> new Snr();
            case "min-snr", "min_snr" -> new MinSnr(gamma);
            case "truncated-snr", "truncated_snr" -> new TruncatedSnr();
            default -> throw ConfigurationException.notAllowed("weighting", name, NAMES);
        };
    }

    /** SNR = α²/σ². */
    static double snr(NoiseLevel level) {
        double r = level.alpha() / level.sigma();
        return r * r;
    }

    /**
     * c(t) = ‖objective error‖² / ‖x₀ error‖² at fixed x_t: with ε̂ − ε = −(α/σ)(x̂₀ − x₀),
     * ε: α²/σ²; x₀: 1; v = α ε − σ x₀: (α² + σ²)²/σ²; score = −ε/σ: α²/σ⁴; u = α′ x₀ + σ′ ε: (α′ − σ′ α/σ)².
     */
    static double factor(Prediction objective, NoiseLevel level) {
        double a = level.alpha(), s = level.sigma();
        double c = switch (objective) {
            case EPSILON -> a * a / (s * s);
            case DATA -> 1;
            case V -> (a * a + s * s) * (a * a + s * s) / (s * s);
            case SCORE -> a * a / (s * s * s * s);
            case VELOCITY -> {
                double k = level.dAlpha() - level.dSigma() * a / s;
                yield k * k;
            }
        };
        if (!(c > 0) || Double.isInfinite(c)) {
            throw new ConfigurationException("weighting", "the " + objective.id() + " error has no finite x₀ equivalent at t = " + level.t()
                    + " (α = " + a + ", σ = " + s + "); use weighting 'uniform'");
        }
        return c;
    }
}
