package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.Grid;

/**
 * Euler's method on the flow-matching ODE dz/dτ = ε̂ − x̂₀ in rectified-flow variables z = x/(α + σ),
 * τ = σ/(α + σ) (Liu et al. 2022, arXiv:2209.03003; on rectified flow z = x, τ = t): diffusers'
 * FlowMatchEulerDiscreteScheduler, x' = x + (σ' − σ) v. First order, deterministic, one call per step. With
 * x̂₀ frozen over a step it is the same update as {@link Euler} and {@link Ddim} on every schedule.
 */
public final class FlowEuler extends TableauSolver {
    FlowEuler(Grid grid) { super(grid, RungeKuttaTableau.EULER, PfOdeVariables.FLOW); }
}
