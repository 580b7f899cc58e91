/**
 * Guidance as {@link org.diffuse4j.api.Denoiser} decorators: each wraps a denoiser, keeps its native
 * target and its one call per call, so every solver and the sampling loop use guided models unchanged.
 *
 * <ul>
 *   <li>{@link org.diffuse4j.models.guidance.ClassifierFreeGuidance}: ε̃ = ε_u + w (ε_c − ε_u), Ho &amp;
 *       Salimans 2022 (arXiv:2207.12598), with the guidance rescale of Lin et al. 2024 (arXiv:2305.08891);
 *       {@link org.diffuse4j.models.guidance.NullClassDenoiser} supplies ε_u for models without a null class.</li>
 *   <li>{@link org.diffuse4j.models.guidance.ClassifierGuidance}: score + s ∇ log p(k | x_t), Dhariwal &amp;
 *       Nichol 2021 (arXiv:2105.05233), with the exact classifier of a Gaussian mixture.</li>
 *   <li>{@link org.diffuse4j.models.guidance.DynamicThresholding}: x̂₀ ← clamp(x̂₀, −s, s)/s, Saharia et al.
 *       2022 (arXiv:2205.11487), §2.3.</li>
 * </ul>
 *
 * <p>Notation as in {@code org.diffuse4j.api}: x_t = α x₀ + σ ε, λ = log(α/σ), x₀ = (x − σ ε)/α,
 * ε = −σ · score, v = α ε − σ x₀. At a fixed (x, level) every target T is affine in ε,
 * T = a·x + b·ε, so an affine combination with weights summing to 1 (CFG's (1 − w) T_u + w T_c) is the
 * same in every target, and a correction Δ of the score is b′·Δ in T with b′ the score coefficient of
 * {@link org.diffuse4j.api.predict.Predictions#coefficients}. Guidance is therefore computed in the
 * wrapped model's native target without a round trip through ε (which divides by α or σ). Class labels
 * come from {@link org.diffuse4j.api.Conditioning#classes(int...)}, one per row or one for the batch;
 * "class k" of a Gaussian mixture is its component k, with responsibilities w_k = p(k | x_t) and
 * c_k = α² s_k² + σ².
 */
package org.diffuse4j.models.guidance;
