package org.diffuse4j.api;

import java.util.function.IntFunction;

/**
 * Turns a budget of model calls (NFE) into a step count: the largest number of steps whose grid a
 * solver declares to cost at most the budget. Works for any solver, since each declares its calls
 * before running (Heun: 2 per step, 1 on a last step to σ = 0; PNDM: extra warm-up calls; …).
 */
public final class Budget {
    private Budget() {}

    /**
     * The largest n ≥ 1 with {@code solverFor.apply(n).totalModelCalls() ≤ nfe}.
     *
     * @param solverFor creates the solver on a grid of n steps
     * @throws ConfigurationException if even one step costs more than {@code nfe}, or the solver is adaptive
     */
    public static int stepsFor(int nfe, IntFunction<Solver<?>> solverFor) {
        if (nfe < 1) throw new ConfigurationException("nfe", "must be at least 1, got " + nfe);
        int best = 0;
        for (int n = 1; n <= nfe; n++) {
            int calls = solverFor.apply(n).totalModelCalls();
            if (calls == Solver.ADAPTIVE) {
                throw new ConfigurationException("nfe", "an adaptive solver chooses its own steps; give its tolerances instead of an NFE budget");
            }
            if (calls <= nfe) best = n;
            if (calls > nfe && best > 0) break;
        }
        if (best == 0) throw new ConfigurationException("nfe", nfe + " model calls are fewer than one step of this solver needs");
        return best;
    }
}
