/**
 * Stochastic samplers: ancestral sampling of the reverse Markov chain and discretisations of the
 * reverse-time SDE dx = [f x − g² ∇ log p_t(x)] dt + g dw̄ (Song et al. 2021, arXiv:2011.13456, Eq. (6)),
 * with f = d log α/dt and g² = dσ²/dt − 2 f σ².
 *
 * <p>Notation as in {@code org.diffuse4j.api}: x_t = α x₀ + σ ε. For a step from t to s &lt; t,
 * α_{t|s} = α_t/α_s and σ²_{t|s} = σ_t² − α_{t|s}² σ_s² describe q(x_t | x_s). Every random draw comes
 * from the {@code NoiseSource} handed to the step.
 */
package org.diffuse4j.samplers.sde;
