/**
 * Deterministic samplers: numerical solvers of the probability-flow ODE
 * dx/dt = (α′/α) x − σ² (d/dt log(σ/α)) ∇ log p_t(x) (Song et al. 2021, arXiv:2011.13456, Eq. (13)).
 *
 * <p>Notation as in {@code org.diffuse4j.api}: x_t = α x₀ + σ ε, λ = log(α/σ), h = λ_next − λ,
 * s = σ/α. In the variables y = x/α and s the ODE is dy/ds = (y − x̂₀(y, s))/s (Karras et al. 2022,
 * arXiv:2206.00364, Eq. (4)); its exact solution with x̂₀ frozen over a step is the first-order
 * exponential integrator x' = (σ'/σ) x − α' (e^{−h} − 1) x̂₀ (Lu et al. 2022, arXiv:2211.01095, Eq. (8)),
 * which DDIM, Euler in (y, s) and DPM-Solver++(1) all equal.
 */
package org.diffuse4j.samplers.ode;
