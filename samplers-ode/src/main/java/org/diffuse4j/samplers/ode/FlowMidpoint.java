package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.Grid;

/**
 * The explicit midpoint rule on the flow-matching ODE dz/dτ = ε̂ − x̂₀ in rectified-flow variables z = x/(α + σ),
 * τ = σ/(α + σ) (Liu et al. 2022, arXiv:2209.03003; Hairer, Nørsett &amp; Wanner I, Eq. (II.1.3)). Second order,
 * deterministic, two model calls per step (the second at the midpoint in τ), one on a last step to σ = 0,
 * which is Euler's step. On Gaussian data, whose flow path is z − Ez ∝ √(quadratic), the h³ term of its local
 * error vanishes and it converges at third order.
 */
public final class FlowMidpoint extends TableauSolver {
    FlowMidpoint(Grid grid) { super(grid, RungeKuttaTableau.MIDPOINT, PfOdeVariables.FLOW); }
}
