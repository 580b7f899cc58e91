/**
 * An example third-party solver plugin for diffuse4j: explicit Runge–Kutta methods on the
 * probability-flow ODE, written against {@code org.diffuse4j.api} only.
 *
 * <p>Notation as in {@code org.diffuse4j.api}: x_t = α x₀ + σ ε, s = σ/α (the VE noise level) and
 * y = x/α (the VE state). In (y, s) the probability-flow ODE reads dy/ds = (y − x̂₀(αy, s))/s
 * (Karras et al. 2022, arXiv:2206.00364, Eq. (4)). The solvers here integrate that equation with a
 * Butcher tableau between consecutive grid levels, converting x ↔ y at the grid levels only, so the
 * state handed between steps stays the VP state x. Because y is infinite where α = 0, they do not
 * support rectified flow.
 */
package com.example.solvers;
