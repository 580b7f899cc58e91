package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.predict.Thresholds;

/**
 * The two parameterisations of the DPM-Solver family and the exponential-integrator coefficients they share.
 *
 * <p>DPM-Solver (Lu et al. 2022, arXiv:2206.00927, Eq. (3.4)) integrates the noise prediction:
 * x_t = (α_t/α_s) x_s − α_t ∫ e^{−λ} ε̂ dλ; DPM-Solver++ (Lu et al. 2022, arXiv:2211.01095, Eq. (8)) the data
 * prediction: x_t = (σ_t/σ_s) x_s + σ_t ∫ e^{λ} x̂₀ dλ. Both are one formula under the exchange α ↔ σ, λ ↔ −λ,
 * ε̂ ↔ x̂₀: with κ the factor of x (α or σ), w the weight of the model output (σ or α) and ĥ = ±h the signed step,
 * <pre>
 *   x_t = (κ_t/κ_s) x_s − w_t φ₁(ĥ) m − w_t φ₂(ĥ) D₁ − w_t φ₃(ĥ) D₂,
 *   φ₁ = e^ĥ − 1,  φ₂ = φ₁/ĥ − 1,  φ₃ = φ₂/ĥ − ½,
 * </pre>
 * where D₁, D₂ are the first and second λ-derivatives of the model output m (times h, h²/… as the papers
 * write them). This reproduces every update of the official code: DPM-Solver's φ₂ = φ₁/h − 1 and
 * DPM-Solver++'s φ₂ = φ₁/h + 1 differ exactly by the sign the exchange introduces.
 */
enum DpmForm {
    /** DPM-Solver: the model output is ε̂; κ = α, w = σ, ĥ = h. */
    NOISE(Prediction.EPSILON),
    /** DPM-Solver++: the model output is x̂₀; κ = σ, w = α, ĥ = −h. */
    DATA(Prediction.DATA);

    private final Prediction target;

    DpmForm(Prediction target) { this.target = target; }

    /** The prediction the form integrates. */
    Prediction target() { return target; }

    /** κ_t/κ_s, the factor of x; exactly 0 when DATA lands on clean data (σ_t = 0). */
    double xRatio(NoiseLevel from, NoiseLevel to) {
        return this == NOISE ? to.alpha() / from.alpha() : ExponentialIntegrator.sigmaRatio(from, to);
    }

    /** ĥ: h = λ_t − λ_s for NOISE, −h for DATA. */
    double signedH(NoiseLevel from, NoiseLevel to) {
        double h = to.lambda() - from.lambda();
        return this == NOISE ? h : -h;
    }

    /** w_t, the weight of the model output at the landing level. */
    double weight(NoiseLevel to) { return this == NOISE ? to.sigma() : to.alpha(); }

    /**
     * c₁ = w_t φ₁(ĥ): σ_t (e^h − 1) or α_t (e^{−h} − 1). Landing on clean data (h = ∞) NOISE uses the limit
     * σ_t e^h = α_t σ_s/α_s, so that the first-order step there is x̂₀ (the official {@code denoise_to_zero}).
     */
    double c1(NoiseLevel from, NoiseLevel to) {
        if (this == NOISE && to.sigma() == 0) return to.alpha() * from.sigma() / from.alpha() - to.sigma();
        return weight(to) * Math.expm1(signedH(from, to));
    }

    /** c₂ = w_t φ₂(ĥ) = w_t (φ₁/ĥ − 1). */
    double c2(NoiseLevel from, NoiseLevel to) {
        double hs = signedH(from, to);
        return weight(to) * phi2(hs);
    }

    /** c₃ = w_t φ₃(ĥ) = w_t (φ₂/ĥ − ½). */
    double c3(NoiseLevel from, NoiseLevel to) {
        double hs = signedH(from, to);
        return weight(to) * (phi2(hs) / hs - 0.5);
    }

    private static double phi2(double hs) { return Math.expm1(hs) / hs - 1; }

    /**
     * The model output this form integrates at (x, level), with x̂₀ dynamically thresholded first when asked
     * (Saharia et al. 2022, arXiv:2205.11487, §2.3); NOISE then recomputes ε̂ = (x − α x̂₀)/σ from the corrected
     * x̂₀, as diffusers' {@code convert_model_output} does.
     */
    Tensor output(Model model, Tensor x, NoiseLevel level, Thresholding thresholding) {
        if (thresholding == null) return model.predict(target, x, level);
        if (this == DATA) return thresholding.apply(model.data(x, level));
        Tensor eps = model.epsilon(x, level);
        Tensor x0 = thresholding.apply(Tensor.combine(1 / level.alpha(), x, -level.sigma() / level.alpha(), eps));
        return Tensor.combine(1 / level.sigma(), x, -level.alpha() / level.sigma(), x0);
    }

    /** Dynamic thresholding of x̂₀: the quantile {@code ratio} of |x̂₀| per row, clamped to [1, maxValue]. */
    record Thresholding(double ratio, double maxValue) {
        Tensor apply(Tensor x0) { return Thresholds.dynamic(x0, ratio, maxValue); }
    }
}
