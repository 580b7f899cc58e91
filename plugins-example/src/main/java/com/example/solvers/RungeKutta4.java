package com.example.solvers;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.SimpleState;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;

/**
 * The classical fourth-order Runge–Kutta method (Kutta 1901, Z. Math. Phys. 46, 435–453) on the
 * probability-flow ODE dy/ds = (y − x̂₀)/s (Karras et al. 2022, arXiv:2206.00364, Eq. (4)). Fourth
 * order, deterministic, four model calls per step; a last step onto clean data (s' = 0) is Euler's
 * step with one call, as in k-diffusion's {@code sample_heun}. Immutable and thread-safe.
 */
public final class RungeKutta4 implements Solver<SimpleState> {
    // Kutta 1901, in Butcher's tableau: c = (0, ½, ½, 1), a₂₁ = ½, a₃₂ = ½, a₄₃ = 1, b = (1/6, 1/3, 1/3, 1/6)
    static final ButcherTableau TABLEAU = new ButcherTableau(4,
            new double[] {0, 0.5, 0.5, 1},
            new double[][] {{}, {0.5}, {0, 0.5}, {0, 0, 1}},
            new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6});

    private final Grid grid;

    RungeKutta4(Grid grid) { this.grid = grid; }

    @Override public Grid grid() { return grid; }

    @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

    @Override public SimpleState step(SimpleState state, Model model, NoiseSource noise) {  // deterministic: no draws
        return SigmaSpaceRungeKutta.step(TABLEAU, grid, state, model);
    }

    @Override public int modelCalls(int step) { return SigmaSpaceRungeKutta.modelCalls(TABLEAU, grid, step); }
}
