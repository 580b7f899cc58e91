package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Thresholds;

/**
 * Heun's second-order sampler; Karras et al. 2022 (arXiv:2206.00364), Algorithm 1 (deterministic, no churn):
 * the explicit trapezoidal rule on dy/ds = (y − x̂₀)/s with y = x/α, s = σ/α; diffusers'
 * HeunDiscreteScheduler and k-diffusion's {@code sample_heun}. Deterministic, two model calls per step (at the
 * step's start and at its Euler predictor), one on a last step to σ = 0, which is Euler's step
 * (Algorithm 1, line 8). With {@code clip_sample} x̂₀ is clamped before each derivative, as diffusers does.
 */
public final class Heun extends TableauSolver {
    Heun(Grid grid, double clipRange) {
        super(grid, RungeKuttaTableau.HEUN, PfOdeVariables.SIGMA, clipRange > 0 ? clipped(clipRange) : PfOdeVariables.SIGMA::derivative);
    }

    /** dy/ds = (y − clamp(x̂₀))/s = (x − α clamp(x̂₀))/σ. */
    private static ExplicitRungeKutta.Slope clipped(double range) {
        return (Model model, Tensor x, NoiseLevel l) ->
                PfOdeVariables.SIGMA.derivativeFromData(x, Thresholds.clip(model.data(x, l), range), l);
    }
}
