package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.Grid;

/**
 * The classical fourth-order Runge–Kutta method (Kutta 1901; Hairer, Nørsett &amp; Wanner I, Table II.1.1) on the
 * probability-flow ODE dy/ds = (y − x̂₀)/s, y = x/α, s = σ/α (Karras et al. 2022, arXiv:2206.00364, Eq. (4)).
 * Fourth order, deterministic, four model calls per step (two at the midpoint in s), one on a last step to
 * σ = 0, which is Euler's step.
 */
public final class RungeKutta4 extends TableauSolver {
    RungeKutta4(Grid grid) { super(grid, RungeKuttaTableau.RK4, PfOdeVariables.SIGMA); }
}
