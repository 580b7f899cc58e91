package org.diffuse4j.api;

import org.diffuse4j.api.predict.Prediction;

/**
 * The model as a solver sees it during one run: a {@link Denoiser} whose output is converted to the
 * target the solver asks for. Every call is counted and checked by the sampling loop.
 */
public interface Model {
    /** The prediction of {@code target} at (x, level). */
    Tensor predict(Prediction target, Tensor x, NoiseLevel level);

    /** The denoised estimate x̂₀. */
    default Tensor data(Tensor x, NoiseLevel level) { return predict(Prediction.DATA, x, level); }

    /** The noise estimate ε̂. */
    default Tensor epsilon(Tensor x, NoiseLevel level) { return predict(Prediction.EPSILON, x, level); }
}
