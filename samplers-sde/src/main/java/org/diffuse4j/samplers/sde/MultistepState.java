package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.SolverState;
import org.diffuse4j.api.Tensor;

/**
 * The run state of the multistep SDE solvers: x at grid index {@code index}, the model outputs of the two
 * previous steps (most recent first; null before they exist) and those steps' sizes h in λ.
 */
public record MultistepState(Tensor x, int index, int orderUsed, Tensor previous1, Tensor previous2, double h1, double h2)
        implements SolverState {
    /** The state before the first step. */
    static MultistepState start(Tensor x) { return new MultistepState(x, 0, 0, null, null, Double.NaN, Double.NaN); }

    /** How many previous outputs a step may use (those of finite step sizes). */
    int history() {
        if (previous1 == null || !Double.isFinite(h1)) return 0;
        return previous2 == null || !Double.isFinite(h2) ? 1 : 2;
    }

    /** The state after this one's step, which produced {@code output} with step size h. */
    MultistepState next(Tensor xNext, int order, Tensor output, double h) {
        return new MultistepState(xNext, index + 1, order, output, previous1, h, h1);
    }
}
