package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.Grid;

/**
 * The adaptive step size DPM-Solver-12 / -23 in data prediction: the official
 * {@code DPM_Solver.sample(method="adaptive")} with {@code algorithm_type="dpmsolver++"}, i.e. the controller of
 * Lu et al. 2022 (arXiv:2206.00927, §4) around the DPM-Solver++ singlestep updates (arXiv:2211.01095). Deterministic;
 * its model calls are decided at run time (see {@link DpmAdaptive}).
 */
public final class DpmSolverPlusPlusAdaptive extends DpmAdaptive {
    DpmSolverPlusPlusAdaptive(Grid grid, Control control) { super(grid, DpmForm.DATA, control); }
}
