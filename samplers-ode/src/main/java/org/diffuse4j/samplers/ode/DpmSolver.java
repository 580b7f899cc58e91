package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.Grid;

/**
 * Multistep DPM-Solver in noise prediction, orders 1–3: Lu et al. 2022 (arXiv:2206.00927) with the multistep
 * extension of arXiv:2211.01095, App. B (the official {@code multistep_dpm_solver_update} with
 * {@code algorithm_type="dpmsolver"}, diffusers' DPMSolverMultistepScheduler with {@code algorithm_type="dpmsolver"}).
 * Deterministic, one model call per step; the model output is ε̂ and the step x_t = (α_t/α_s) x − σ_t (e^h − 1) ε̂ − …
 * Warm-up and lower-order rules as in {@link DpmMultistep}. A step landing on clean data takes the limit of the
 * first-order step, x̂₀ = (x − σ ε̂)/α (σ_t e^h → α_t σ_s/α_s). With {@code solver_order=3} the third-order
 * update is the references' (whose second-derivative term carries half its Taylor coefficient, see
 * {@link DpmSolverPlusPlus3M}), so the observed order stays 2.
 */
public final class DpmSolver extends DpmMultistep {
    DpmSolver(Grid grid, Rules rules) { super(grid, DpmForm.NOISE, rules); }
}
