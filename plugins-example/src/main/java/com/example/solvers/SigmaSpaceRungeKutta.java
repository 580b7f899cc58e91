package com.example.solvers;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.SimpleState;
import org.diffuse4j.api.Tensor;

/**
 * One explicit Runge–Kutta step of dy/ds = (y − x̂₀(αy, s))/s from grid level i to the level it lands
 * on (Karras et al. 2022, arXiv:2206.00364, Eq. (4)), shared by {@link Ralston} and {@link Kutta38}.
 * Stateless; every stage makes one model call.
 */
final class SigmaSpaceRungeKutta {
    private SigmaSpaceRungeKutta() {}

    /** Model calls of step i: one per stage, or one for the Euler step onto clean data. */
    static int modelCalls(ButcherTableau tableau, Grid grid, int step) {
        return grid.to(step).isClean() ? 1 : tableau.stages();
    }

    /** Advances {@code state} by one grid step with {@code tableau}; reports the tableau's order (1 onto clean data). */
    static SimpleState step(ButcherTableau tableau, Grid grid, SimpleState state, Model model) {
        int i = state.index();
        NoiseLevel from = grid.from(i), to = grid.to(i);
        Tensor x0 = model.data(state.x(), from);
        if (to.isClean()) {
            // s' = 0: the slope at s' is undefined, so take Euler's step, y' = y − s·(y − x̂₀)/s = x̂₀
            // (as k-diffusion's sample_heun does on its last step)
            return state.next(x0.scale(to.alpha()), 1);
        }
        double s = from.sigmaVe(), h = to.sigmaVe() - s;
        Tensor y = state.x().scale(1 / from.alpha());
        int n = tableau.stages();
        Tensor[] k = new Tensor[n];
        k[0] = slope(y, x0, s);
        for (int j = 1; j < n; j++) {
            double sj = s + tableau.c(j) * h;
            NoiseLevel level = stageLevel(grid, tableau.c(j), sj, from, to);
            double[] coefficients = new double[j + 1];
            Tensor[] terms = new Tensor[j + 1];
            coefficients[0] = 1;
            terms[0] = y;
            for (int m = 0; m < j; m++) {
                coefficients[m + 1] = h * tableau.a(j, m);   // y_j = y + h Σ_m a_jm k_m
                terms[m + 1] = k[m];
            }
            Tensor yj = Tensor.combine(coefficients, terms);
            k[j] = slope(yj, model.data(yj.scale(level.alpha()), level), sj);
        }
        double[] coefficients = new double[n + 1];
        Tensor[] terms = new Tensor[n + 1];
        coefficients[0] = 1;
        terms[0] = y;
        for (int j = 0; j < n; j++) {
            coefficients[j + 1] = h * tableau.b(j);           // y' = y + h Σ_j b_j k_j
            terms[j + 1] = k[j];
        }
        return state.next(Tensor.combine(coefficients, terms).scale(to.alpha()), tableau.order());
    }

    /** dy/ds = (y − x̂₀)/s, Karras et al. 2022, Eq. (4). */
    private static Tensor slope(Tensor y, Tensor x0, double s) {
        return Tensor.combine(1 / s, y, -1 / s, x0);
    }

    /** The grid's own levels at the step's ends; the schedule's level with σ/α = s in between. */
    private static NoiseLevel stageLevel(Grid grid, double c, double s, NoiseLevel from, NoiseLevel to) {
        if (c == 0) return from;
        if (c == 1) return to;
        Schedule schedule = grid.schedule();
        return schedule.at(schedule.tOfLambda(-Math.log(s)));   // λ = log(α/σ) = −log s
    }
}
