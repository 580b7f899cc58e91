package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.Grid;

/**
 * DPM-Solver++(2S): second-order singlestep exponential integrator in data prediction; Lu et al. 2022
 * (arXiv:2211.01095), Algorithm 1 (the official {@code DPM_Solver.sample(method="singlestep")} with
 * {@code algorithm_type="dpmsolver++"}, diffusers' DPMSolverSinglestepScheduler). Deterministic, one model call per
 * grid step: an update spans two grid steps, the first predicting the intermediate point with DPM-Solver++(1) (see
 * {@link DpmSinglestep}). {@code solver_order=3} gives the third-order singlestep DPM-Solver++ of the official code
 * and diffusers (DPM-Solver-3's structure, arXiv:2206.00927, Algorithm 2, in data prediction), whose updates span
 * three grid steps.
 */
public final class DpmSolverPlusPlus2S extends DpmSinglestep {
    DpmSolverPlusPlus2S(Grid grid, Rules rules) { super(grid, DpmForm.DATA, rules); }
}
