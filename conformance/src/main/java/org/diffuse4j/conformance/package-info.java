/**
 * The conformance kit every solver plugin must pass: JUnit 5 contracts ({@link org.diffuse4j.conformance.SolverContract})
 * whose oracles are computed here — closed-form probability-flow solutions of Gaussian data and its consistency
 * function, single-point data, Gaussian mixtures integrated with a Dormand–Prince 8(5,3) integrator at 1e-12
 * tolerance, and exact output moments of stochastic solvers that are affine in their input and draws
 * ({@link org.diffuse4j.conformance.ExactMoments}).
 *
 * <p>Notation as in {@code org.diffuse4j.api}: x_t = α x₀ + σ ε, v_t = α² s² + σ² for data N(μ, s² I), whose
 * PF-ODE maps x_T to x = α μ + √(v/v_T)(x_T − α_T μ). Mixtures are integrated in y = x/α, s = σ/α, where
 * dy/ds = (y − x̂₀(y, s))/s (Karras et al. 2022, arXiv:2206.00364, Eq. (4)).
 */
package org.diffuse4j.conformance;
