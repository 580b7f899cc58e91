package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.Grid;

/**
 * Heun's method (explicit trapezoidal rule) on the flow-matching ODE dz/dτ = ε̂ − x̂₀ in rectified-flow variables
 * z = x/(α + σ), τ = σ/(α + σ) (on rectified flow z = x, τ = t): diffusers' FlowMatchHeunDiscreteScheduler
 * (Karras et al. 2022, arXiv:2206.00364, Algorithm 1, in the velocity target). Second order, deterministic,
 * two model calls per step, one on a last step to σ = 0, which is Euler's step.
 */
public final class FlowHeun extends TableauSolver {
    FlowHeun(Grid grid) { super(grid, RungeKuttaTableau.HEUN, PfOdeVariables.FLOW); }
}
