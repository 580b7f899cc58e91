package org.diffuse4j.models.guidance;

import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.predict.Predictions;
import org.diffuse4j.models.analytic.GaussianMixture;
import org.diffuse4j.models.analytic.GaussianMixtureDenoiser;

/**
 * Classifier guidance in score form; Dhariwal &amp; Nichol 2021 (arXiv:2105.05233), §4.2, Eq. (14) and
 * Algorithm 2 (ε̂ − s √(1 − ᾱ) ∇ log p(y | x_t) there, i.e. with ε = −σ · score):
 * ∇ log p̃(x_t | y) = ∇ log p(x_t) + s · ∇ log p(y | x_t), with guidance scale s.
 *
 * <p>The classifier is exact: for a Gaussian-mixture classifier Σ_k π_k N(μ_k, s_k² I) it is the
 * component posterior p(k | x_t) = w_k(x_t), the responsibilities at the noise level, whose gradient is
 * closed form: with ∇ log N_j(x) = −(x − α μ_j)/c_j and c_j = α² s_j² + σ²,
 * ∇ log p(k | x) = ∇ log N_k − Σ_j w_j ∇ log N_j. By Bayes' rule this is the component's score minus
 * the mixture's score, both of which the classifier's exact {@link GaussianMixtureDenoiser} computes
 * (with label k, and unconditionally), so the closed form is evaluated through it.
 *
 * <p>The class of each row comes from the call's {@link Conditioning#classes(int...)} labels (one per
 * row, or one for all) and must be a component of the classifier. The labels are consumed here: the
 * wrapped model, typically unconditional (e.g. a {@code GaussianMixtureDenoiser}), is called once with
 * {@link Conditioning#NONE}. Deterministic; one call of the wrapped model per call.
 *
 * <p><b>Target.</b> This denoiser answers in the wrapped model's native target T. Every target is affine
 * in the score at fixed (x, level), T = a·x + b·score with (a, b) from
 * {@link Predictions#coefficients(Prediction, Prediction, NoiseLevel)}, so adding s·∇ log p(k|x) to the
 * score adds b·s·∇ log p(k|x) to T; this is the score ↔ T conversion without forming the score, which
 * keeps the result finite at σ = 0 (there b = 0 for x̂₀, ε and v: x̂₀ = x/α leaves nothing to guide). At
 * α = 0 the classifier carries no information (w = π whatever x) and the prediction passes unchanged.
 *
 * <p>Immutable and thread-safe when the wrapped model is.
 */
public final class ClassifierGuidance implements Denoiser {
    private final Denoiser model;
    private final GaussianMixture classifier;
    private final double scale;
    private final GaussianMixtureDenoiser posterior;   // the classifier's exact scores, conditional and marginal

    /** Guides {@code model} with scale s = {@code scale} (finite, ≥ 0) by the exact posterior of {@code classifier}. */
    public ClassifierGuidance(Denoiser model, GaussianMixture classifier, double scale) {
        if (model == null) throw new ConfigurationException("model", "a denoiser to guide is required");
        if (classifier == null) throw new ConfigurationException("classifier", "a Gaussian-mixture classifier is required");
        if (!(scale >= 0) || Double.isInfinite(scale)) {
            throw new ConfigurationException("guidance_scale", "must be finite and ≥ 0, got " + scale);
        }
        this.model = model;
        this.classifier = classifier;
        this.scale = scale;
        this.posterior = new GaussianMixtureDenoiser(classifier, Prediction.SCORE);
    }

    /** The guided denoiser. */
    public Denoiser model() { return model; }

    /** The classifier whose component posterior guides. */
    public GaussianMixture classifier() { return classifier; }

    /** The guidance scale s. */
    public double scale() { return scale; }

    /** The wrapped model's native target. */
    @Override public Prediction target() { return model.target(); }

    @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning conditioning) {
        if (conditioning == null || conditioning.labels().isEmpty()) {
            throw new ConfigurationException("class", "classifier guidance needs a class label per row (Conditioning.classes), got "
                    + conditioning);
        }
        // Bayes: ∇ log p(k | x) = ∇ log p(x | k) − ∇ log p(x), the classifier's component score minus its marginal
        // score; the denoiser also checks the labels (one per row or one for all, each in [0, K)) and x's dimension
        Tensor gradient = posterior.predict(x, level, conditioning).minus(posterior.predict(x, level, Conditioning.NONE));
        Tensor out = model.predict(x, level, Conditioning.NONE);
        if (scale == 0 || level.alpha() == 0) return out;
        Prediction target = model.target();
        double b = target == Prediction.SCORE ? 1 : Predictions.coefficients(Prediction.SCORE, target, level)[1];
        if (!Double.isFinite(b)) {
            throw new ConfigurationException("noise level", "cannot express a score correction in " + target.id() + " at t = "
                    + level.t() + " (coefficient " + b + "); the velocity target needs finite dα/dt and dσ/dt");
        }
        if (b == 0) return out;
        return Tensor.combine(1, out, scale * b, gradient);
    }

    @Override public String toString() {
        return "ClassifierGuidance[s=" + scale + ", " + classifier + ", " + model + "]";
    }
}
