package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Option;

/**
 * The order a multistep solver uses at a step, as diffusers' {@code DPMSolverMultistepScheduler.step}: at most
 * {@code solverOrder}, at most the history + 1 (warm-up), first order on the last step when {@code euler_at_final},
 * when {@code lower_order_final} applies to a grid of fewer than {@code below} steps, or when it lands on clean data
 * (h = ∞), and at most second order on the step before the last under {@code lower_order_final}.
 */
record MultistepOrder(int solverOrder, boolean lowerOrderFinal, int below, boolean eulerAtFinal) {
    static final Option<Boolean> LOWER_ORDER_FINAL = Option.bool("lower_order_final", true,
            "lower the order of the last steps of short grids (fewer steps than lower_order_final_below)");
    static final Option<Integer> LOWER_ORDER_FINAL_BELOW = Option.integer("lower_order_final_below", 15, 0, 1_000_000,
            "grids with fewer steps use lower order at the end (diffusers: 15)");
    static final Option<Boolean> EULER_AT_FINAL = Option.bool("euler_at_final", false, "always take the last step with first order");

    int at(Grid grid, int step, int history) {
        int order = Math.min(solverOrder, history + 1);
        int steps = grid.steps();
        boolean shortGrid = lowerOrderFinal && steps < below;
        if (step == steps - 1 && (eulerAtFinal || shortGrid || grid.to(step).isClean())) return 1;
        if (step == steps - 2 && shortGrid) return Math.min(order, 2);
        return order;
    }
}
