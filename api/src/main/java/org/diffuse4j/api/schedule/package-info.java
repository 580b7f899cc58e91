/**
 * Noise schedules x_t = α_t x₀ + σ_t ε: discrete VP (from betas), continuous VP with linear β,
 * variance exploding, and rectified flow. Forms are chosen for accuracy: σ = √(−expm1(2 log α)),
 * λ via log1p, and the ends σ = 0 and α = 0 handled explicitly.
 */
package org.diffuse4j.api.schedule;
