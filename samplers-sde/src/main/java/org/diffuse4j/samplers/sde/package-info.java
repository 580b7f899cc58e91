/**
 * Stochastic samplers: ancestral sampling of the reverse Markov chain (DDPM, stochastic DDIM, the k-diffusion
 * ancestral family), discretisations of the reverse-time SDE dx = [f x − g² ∇ log p_t(x)] dt + g dw̄ (Song et al. 2021,
 * arXiv:2011.13456, Eq. (6)) and its family with noise fraction λ, predictor–corrector sampling, SDE-DPM-Solver(++),
 * SA-Solver, Karras et al.'s churn, and consistency-model sampling (LCM, TCD, CM), with f = d log α/dt and
 * g² = dσ²/dt − 2 f σ².
 *
 * <p>Notation as in {@code org.diffuse4j.api}: x_t = α x₀ + σ ε, λ = log(α/σ). For a step from t to s &lt; t,
 * α_{t|s} = α_t/α_s and σ²_{t|s} = σ_t² − α_{t|s}² σ_s² describe q(x_t | x_s). The k-diffusion samplers are written in
 * VE variables y = x/α, s = σ/α (Karras et al. 2022, arXiv:2206.00364, Eq. (4)) and convert at their boundaries: a
 * step lands in the VP state x' = α' y'.
 *
 * <p>Every random draw comes from the {@code NoiseSource} handed to the step, in the order and shape the reference
 * implementation draws (so {@code NoiseSource.replay} of a reference's recorded draws reproduces it; a reference's
 * trailing draw that is multiplied by zero, on a last step onto clean data, is not made). A
 * {@link org.diffuse4j.samplers.sde.BrownianNoiseSource} such as {@link org.diffuse4j.samplers.sde.BrownianTreeNoise}
 * answers every draw of a step from σ to σ' with the increment of one Brownian path, as k-diffusion's Brownian-tree
 * noise sampler does.
 */
package org.diffuse4j.samplers.sde;
