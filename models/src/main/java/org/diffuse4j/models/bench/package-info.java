/**
 * The shared benchmark definitions ({@code shared/bench/problems.json}): Gaussian-mixture problems
 * with their banks of initial states x_T, and the training schedules of the reference runs.
 *
 * <p>Notation as in {@code org.diffuse4j.api}: x_t = α x₀ + σ ε. Discrete schedules list β_k and
 * ᾱ_k = Π_{i ≤ k} (1 − β_i) for training timesteps k = 0 … 999, with α = √ᾱ_k and σ = √(1 − ᾱ_k);
 * every x_T row is the VP state at timestep 999 (rectified flow: at t = 1, where α = 0, σ = 1).
 */
package org.diffuse4j.models.bench;
