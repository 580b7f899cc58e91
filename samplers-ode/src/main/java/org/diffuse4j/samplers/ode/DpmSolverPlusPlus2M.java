package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.Grid;

/**
 * DPM-Solver++(2M): second-order multistep exponential integrator in data prediction;
 * Lu et al. 2022 (arXiv:2211.01095), Algorithm 2. Deterministic, one model call per step. The first step is first
 * order (no history); the last is first order when it lands on clean data (h = ∞), when {@code euler_at_final} is
 * set, or when {@code lower_order_final} applies to a short grid. With {@code denoise_to_zero} the grid's last step is
 * the official DPM-Solver's extra jump to x̂₀ (one more model call) and the lower-order rule applies to the step
 * before it. The order rules are those of {@link DpmMultistep}.
 */
public final class DpmSolverPlusPlus2M extends DpmMultistep {
    /**
     * The second- and third-order correction variants of the DPM-Solver family: diffusers' {@code solver_type}, the
     * official code's {@code solver_type} ("dpmsolver" = midpoint, "taylor" = heun). Shared by every DPM-Solver.
     */
    public enum SolverType {
        /** D = x̂₀ + (x̂₀ − x̂₀_prev)/(2r): Lu et al. 2022, Algorithm 2 (official "dpmsolver", k-diffusion). */
        MIDPOINT,
        /** The Taylor form with weight (φ₁/h + 1): Lu et al. 2022, Eq. (11) (official "taylor"). */
        HEUN
    }

    DpmSolverPlusPlus2M(Grid grid, Rules rules) { super(grid, DpmForm.DATA, rules); }
}
