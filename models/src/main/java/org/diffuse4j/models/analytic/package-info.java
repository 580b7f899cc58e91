/**
 * Exact denoisers of analytic data distributions, the oracles against which samplers are measured.
 *
 * <p>Notation as in {@code org.diffuse4j.api}: x_t = α x₀ + σ ε, ε ~ N(0, I). The data are an
 * isotropic Gaussian mixture x₀ ~ Σ_k π_k N(μ_k, s_k² I) in d dimensions, so x_t | k ~ N(α μ_k, c_k I)
 * with c_k = α² s_k² + σ²; w_k(x) = P(k | x_t = x) are the posterior responsibilities and
 * x̂₀ = E[x₀ | x_t], ε̂ = E[ε | x_t] the exact posterior means.
 */
package org.diffuse4j.models.analytic;
