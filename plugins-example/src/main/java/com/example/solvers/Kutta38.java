package com.example.solvers;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.SimpleState;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;

/**
 * Kutta's 3/8 rule (Kutta 1901, Z. Math. Phys. 46, 435–453), a fourth-order Runge–Kutta method, on the
 * probability-flow ODE dy/ds = (y − x̂₀)/s (Karras et al. 2022, arXiv:2206.00364, Eq. (4)). Fourth
 * order, deterministic, four model calls per step; a last step onto clean data (s' = 0) is Euler's
 * step with one call, as in k-diffusion's {@code sample_heun}. Immutable and thread-safe.
 */
public final class Kutta38 implements Solver<SimpleState> {
    // Kutta 1901, in Butcher's tableau: c = (0, 1/3, 2/3, 1), a₂₁ = 1/3, a₃₁ = −1/3, a₃₂ = 1,
    // a₄₁ = 1, a₄₂ = −1, a₄₃ = 1, b = (1/8, 3/8, 3/8, 1/8)
    static final ButcherTableau TABLEAU = new ButcherTableau(4,
            new double[] {0, 1.0 / 3, 2.0 / 3, 1},
            new double[][] {{}, {1.0 / 3}, {-1.0 / 3, 1}, {1, -1, 1}},
            new double[] {1.0 / 8, 3.0 / 8, 3.0 / 8, 1.0 / 8});

    private final Grid grid;

    Kutta38(Grid grid) { this.grid = grid; }

    @Override public Grid grid() { return grid; }

    @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

    @Override public SimpleState step(SimpleState state, Model model, NoiseSource noise) {  // deterministic: no draws
        return SigmaSpaceRungeKutta.step(TABLEAU, grid, state, model);
    }

    @Override public int modelCalls(int step) { return SigmaSpaceRungeKutta.modelCalls(TABLEAU, grid, step); }
}
