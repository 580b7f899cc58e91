package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.Grid;

/**
 * DPM-Solver-12 / DPM-Solver-23 with adaptive step size in noise prediction; Lu et al. 2022 (arXiv:2206.00927), §4
 * (the official {@code DPM_Solver.sample(method="adaptive")} with {@code algorithm_type="dpmsolver"}). Deterministic;
 * its model calls are decided at run time ({@link DpmAdaptive} describes the controller and its batch-wide error norm).
 */
public final class DpmSolverAdaptive extends DpmAdaptive {
    DpmSolverAdaptive(Grid grid, Control control) { super(grid, DpmForm.NOISE, control); }
}
