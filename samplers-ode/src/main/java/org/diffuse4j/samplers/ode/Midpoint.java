package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.Grid;

/**
 * The explicit midpoint rule (Runge 1895; Hairer, Nørsett &amp; Wanner I, Eq. (II.1.3)) on the probability-flow
 * ODE dy/ds = (y − x̂₀)/s, y = x/α, s = σ/α (Karras et al. 2022, arXiv:2206.00364, Eq. (4)). Second order,
 * deterministic, two model calls per step (the second at the midpoint in s), one on a last step to σ = 0,
 * which is Euler's step. On Gaussian data, whose flow path is y − Ey ∝ √(quadratic), the h³ term of its local
 * error vanishes and it converges at third order.
 */
public final class Midpoint extends TableauSolver {
    Midpoint(Grid grid) { super(grid, RungeKuttaTableau.MIDPOINT, PfOdeVariables.SIGMA); }
}
