package org.diffuse4j.samplers.ode;

import java.util.Arrays;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.Tensor;

/**
 * Explicit Runge–Kutta steps of the probability-flow ODE dq/dr = (q − x̂₀)/r in {@link PfOdeVariables}
 * (Hairer, Nørsett &amp; Wanner I, Eq. (II.1.8)), shared by every tableau solver. Stages at c = 0 and c = 1
 * use the grid's own levels (so the network receives exactly the reference's model times); stages in
 * between use {@link PfOdeVariables#levelAt}. A step landing on clean data (σ = 0) is Euler's step, one
 * call: the derivative is singular at r = 0, so no stage may be evaluated there (k-diffusion and diffusers
 * take the same last step).
 */
final class ExplicitRungeKutta {
    private ExplicitRungeKutta() {}

    /** dq/dr at (x, level): the variables' derivative, or one built on a corrected x̂₀. */
    @FunctionalInterface
    interface Slope {
        Tensor at(Model model, Tensor x, NoiseLevel level);
    }

    /** Model calls of a step from a level to {@code to}. */
    static int calls(RungeKuttaTableau tableau, NoiseLevel to) {
        return to.isClean() ? 1 : tableau.stages();
    }

    /** The order a step to {@code to} attains. */
    static int order(RungeKuttaTableau tableau, NoiseLevel to) {
        return to.isClean() ? 1 : tableau.order();
    }

    /** One step in r from {@code from} to {@code to}. */
    static Tensor step(RungeKuttaTableau tableau, PfOdeVariables v, Slope slope, Schedule schedule, Model model,
                       Tensor x, NoiseLevel from, NoiseLevel to) {
        if (to.isClean()) return v.euler(x, from, to, slope.at(model, x, from));
        double r0 = v.r(from), h = v.r(to) - r0;
        int s = tableau.stages();
        NoiseLevel[] levels = new NoiseLevel[s];
        double[] factors = new double[s];
        for (int j = 0; j < s; j++) {
            double c = tableau.c(j);
            levels[j] = c == 0 ? from : c == 1 ? to : v.levelAt(schedule, r0 + c * h);
            factors[j] = 1;
        }
        Tensor[] d = stages(tableau, v, slope, model, x, from, h, levels, factors, null);
        return v.move(x, from, to, weights(tableau.b(), h, factors), d);
    }

    /**
     * The stage derivatives dq/dr of one step of size h in an independent variable u with dr/du = factor_j at
     * stage j (u = r: factors 1; u = log r: factors r_j), each evaluated at {@code levels[j]}; the first may be
     * given (first same as last).
     */
    static Tensor[] stages(RungeKuttaTableau tableau, PfOdeVariables v, Slope slope, Model model, Tensor x, NoiseLevel from,
                           double h, NoiseLevel[] levels, double[] factors, Tensor firstSlope) {
        int s = tableau.stages();
        Tensor[] d = new Tensor[s];
        d[0] = firstSlope != null ? firstSlope : slope.at(model, x, from);
        for (int j = 1; j < s; j++) {
            double[] w = new double[j];
            for (int l = 0; l < j; l++) w[l] = h * tableau.a(j, l) * factors[l];
            Tensor xj = v.move(x, from, levels[j], w, Arrays.copyOf(d, j));
            d[j] = slope.at(model, xj, levels[j]);
        }
        return d;
    }

    /** h · weight_j · factor_j. */
    static double[] weights(double[] weights, double h, double[] factors) {
        double[] w = new double[weights.length];
        for (int j = 0; j < w.length; j++) w[j] = h * weights[j] * factors[j];
        return w;
    }
}
