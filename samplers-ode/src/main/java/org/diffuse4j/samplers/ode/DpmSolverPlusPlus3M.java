package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.Grid;

/**
 * DPM-Solver++(3M): third-order multistep exponential integrator in data prediction; Lu et al. 2022
 * (arXiv:2211.01095), §4 and App. B (the official {@code multistep_dpm_solver_third_update}, diffusers'
 * DPMSolverMultistepScheduler with {@code solver_order=3}). Deterministic, one model call per step. Warm-up with
 * orders 1 and 2; the lower-order rules near the end ({@code lower_order_final}, {@code euler_at_final}, clean data,
 * {@code denoise_to_zero}) are those of {@link DpmMultistep}.
 *
 * <p>Its traits declare order 2, which is what it achieves. The official code and diffusers compute
 * D₂ = (D₁⁰ − D₁¹)/(r₀ + r₁), which is h² x̂₀''/2, and weight it by φ₃ = φ₂/h − ½, whereas the Taylor term of the
 * exponential integrator is h² φ₃ x̂₀'' (∫₀^h e^{−(h−u)} u²/2 du = −h² φ₃): the second-derivative term carries half its
 * coefficient, the local error is O(h³), and the observed order is 2 (with errors a few times below DPM-Solver++(2M)'s).
 * The update is kept exactly as the references compute it, since samples must agree with theirs.
 */
public final class DpmSolverPlusPlus3M extends DpmMultistep {
    DpmSolverPlusPlus3M(Grid grid, Rules rules) { super(grid, DpmForm.DATA, rules); }
}
