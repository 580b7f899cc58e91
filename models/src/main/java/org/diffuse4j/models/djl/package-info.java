/**
 * Trained networks behind the {@link org.diffuse4j.api.Denoiser} contract, run by DJL's TensorFlow engine.
 *
 * <p>Notation as in {@code org.diffuse4j.api}: x_t = α x₀ + σ ε, s = σ/α, y = x/α. DJL appears only at the
 * network boundary: inputs are converted from double {@link org.diffuse4j.api.Tensor}s to float32 arrays in
 * a per-call sub-manager and the output is copied back before the scope closes. All noise is drawn in Java
 * (TensorFlow's RNG is one global stream); shapes are validated in Java before any TensorFlow call.
 */
package org.diffuse4j.models.djl;
