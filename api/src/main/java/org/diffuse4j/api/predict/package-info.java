/**
 * Prediction targets and the exact conversions between them. With x_t = α x₀ + σ ε:
 * x₀ = (x − σ ε)/α, ε = (x − α x₀)/σ, v = α ε − σ x₀ (Salimans &amp; Ho 2022), score = −ε/σ, and the
 * probability-flow velocity u = α′ x₀ + σ′ ε (rectified flow: ε − x₀).
 */
package org.diffuse4j.api.predict;
