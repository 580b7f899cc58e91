/**
 * The contracts of diffuse4j: tensors, schedules, grids, denoisers, noise, solvers and the one
 * sampling loop.
 *
 * <p>Notation, fixed once for every module: the forward process is x_t = α_t x₀ + σ_t ε with
 * ε ~ N(0, I); λ_t = log(α_t/σ_t) is the half log-SNR; the VE noise level is s_t = σ_t/α_t and the
 * VE state y = x/α; the denoised estimate is x̂₀ and ε̂ = (x − α x̂₀)/σ; the score is −ε/σ. Every
 * solver's state is the VP state x_t; sampling runs from large t (noise) to small t (data).
 */
package org.diffuse4j.api;
