package com.example.solvers;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.SimpleState;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;

/**
 * Ralston's second-order Runge–Kutta method (Ralston 1962, Math. Comp. 16, 431–437) on the
 * probability-flow ODE dy/ds = (y − x̂₀)/s (Karras et al. 2022, arXiv:2206.00364, Eq. (4)). Second
 * order, deterministic, two model calls per step; a last step onto clean data (s' = 0) is Euler's
 * step with one call, as in k-diffusion's {@code sample_heun}. Immutable and thread-safe.
 */
public final class Ralston implements Solver<SimpleState> {
    // Ralston 1962: the two-stage second-order tableau minimising the error bound, c₂ = a₂₁ = 2/3, b = (1/4, 3/4)
    static final ButcherTableau TABLEAU = new ButcherTableau(2,
            new double[] {0, 2.0 / 3},
            new double[][] {{}, {2.0 / 3}},
            new double[] {1.0 / 4, 3.0 / 4});

    private final Grid grid;

    Ralston(Grid grid) { this.grid = grid; }

    @Override public Grid grid() { return grid; }

    @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

    @Override public SimpleState step(SimpleState state, Model model, NoiseSource noise) {  // deterministic: no draws
        return SigmaSpaceRungeKutta.step(TABLEAU, grid, state, model);
    }

    @Override public int modelCalls(int step) { return SigmaSpaceRungeKutta.modelCalls(TABLEAU, grid, step); }
}
