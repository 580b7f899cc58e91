package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.SimpleState;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;

/**
 * Euler's method on the probability-flow ODE in σ-space, dy/ds = (y − x̂₀)/s with y = x/α, s = σ/α
 * (Karras et al. 2022, arXiv:2206.00364, Eq. (4) and Alg. 1 without the correction); diffusers'
 * EulerDiscreteScheduler and k-diffusion's {@code sample_euler}. First order, deterministic, one call
 * per step.
 *
 * <p>The step y' = y + (s' − s)(y − x̂₀)/s is evaluated in the VP state as
 * x' = (σ'/σ) x + α'(1 − s'/s) x̂₀, which is the same expression multiplied by α' and stays finite
 * where α = 0 (the pure-noise end of rectified flow).
 */
public final class Euler implements Solver<SimpleState> {
    private final Grid grid;

    Euler(Grid grid) { this.grid = grid; }

    @Override public Grid grid() { return grid; }

    @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

    @Override public int statesRetained() { return 0; } // one-step: reads only the current state

    @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel from = grid.from(i), to = grid.to(i);
        Tensor x0 = model.data(s.x(), from);
        // α'(1 − s'/s) = α' − σ' α/σ: Euler's step in (y, s), Karras et al. 2022, Eq. (4)
        double cx = ExponentialIntegrator.sigmaRatio(from, to);
        double c0 = to.alpha() - cx * from.alpha();
        return s.next(Tensor.combine(cx, s.x(), c0, x0), 1);
    }

    @Override public int modelCalls(int step) { return 1; }
}
