package org.diffuse4j.api;

import org.diffuse4j.api.predict.Prediction;

/**
 * A trained (or exact) model of the data: given x_t at a noise level it predicts its native
 * {@link #target()}. Solvers never call it directly; the sampling loop converts its output to the
 * target each solver is written in, in one place.
 *
 * <p>Implementations must be safe to call from several threads at once. The input {@code x} is valid for the
 * duration of the call: the sampling loop may recycle the memory of old states once the solver no longer needs
 * them ({@link Solver#statesRetained()}), after which reading a kept reference fails loudly; a denoiser that
 * keeps inputs (a cache, a recorder) copies them ({@code Tensor.of(x.shape(), x.toArray())}). Returning
 * {@code x} itself, or a tensor computed from it, is fine.
 */
@ExtensionPoint
public interface Denoiser {
    /** The prediction target this model outputs natively. */
    Prediction target();

    /**
     * Predicts the native target for every row of {@code x} (the VP state x_t = α x₀ + σ ε at
     * {@code level}); the result has the shape of {@code x}.
     */
    Tensor predict(Tensor x, NoiseLevel level, Conditioning conditioning);
}
