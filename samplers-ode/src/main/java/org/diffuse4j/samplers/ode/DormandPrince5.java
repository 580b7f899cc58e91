package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverState;
import org.diffuse4j.api.Tensor;

/**
 * The Dormand–Prince 5(4) pair with adaptive steps (Dormand &amp; Prince 1980; Hairer, Nørsett &amp; Wanner I,
 * Table II.5.2 and §II.4) on the probability-flow ODE in y = x/α with log s as the independent variable,
 * dy/d(log s) = y − x̂₀ (Karras et al. 2022, arXiv:2206.00364, Eq. (4) times s): smooth down to small s, where
 * dy/ds grows like 1/s. Between two grid levels it takes as many sub-steps as the error control
 * ({@link StepSizeController}, PI) needs for {@code rtol}/{@code atol}, carrying the step size and the
 * first-same-as-last derivative from one grid step to the next. Fifth order, deterministic, six model calls per
 * accepted sub-step.
 *
 * <p>A step to clean data (σ = 0, where log s = −∞) integrates down to s = {@code final_sigma} and then takes
 * Euler's step to σ = 0, which returns x̂₀ there from the derivative already computed (no extra call).
 */
public final class DormandPrince5 implements Solver<DormandPrince5.State> {
    private static final PfOdeVariables V = PfOdeVariables.SIGMA;
    private static final RungeKuttaTableau TABLEAU = RungeKuttaTableau.DOPRI5;
    private static final int MAX_SUBSTEPS = 100_000;

    /**
     * x at grid index i; the next sub-step size h in log s (NaN before the first), the scaled error of the last
     * accepted sub-step, and the derivative dy/ds at x with the level it belongs to (null when unknown).
     */
    public record State(Tensor x, int index, int orderUsed, double h, double previousError, Tensor slope, NoiseLevel slopeLevel)
            implements SolverState {}

    private final Grid grid;
    private final double rtol;
    private final double atol;
    private final double finalSigma;
    private final StepSizeController controller;

    DormandPrince5(Grid grid, double rtol, double atol, double finalSigma, StepSizeController controller) {
        this.grid = grid;
        this.rtol = rtol;
        this.atol = atol;
        this.finalSigma = finalSigma;
        this.controller = controller;
    }

    @Override public Grid grid() { return grid; }

    @Override public State start(Tensor x) { return new State(x, 0, 0, Double.NaN, Double.NaN, null, null); }

    @Override public int modelCalls(int step) { return ADAPTIVE; }

    /** The running integration between two levels. */
    private record Point(Tensor x, NoiseLevel level, Tensor slope, double h, double previousError) {}

    /** The first-same-as-last slope is computed at the current state. */
    @Override public int statesRetained() { return 0; }

    @Override public State step(State s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel from = grid.from(i), to = grid.to(i);
        Tensor slope = from.equals(s.slopeLevel()) ? s.slope() : null;
        Point p = new Point(s.x(), from, slope, s.h(), s.previousError());
        if (!to.isClean()) {
            p = integrate(model, p, to);
            return new State(p.x(), i + 1, TABLEAU.order(), p.h(), p.previousError(), p.slope(), p.level());
        }
        if (V.r(from) > finalSigma && finalSigma > 0) p = integrate(model, p, V.levelAt(grid.schedule(), finalSigma));
        Tensor d = p.slope() != null ? p.slope() : V.derivative(model, p.x(), p.level());
        return new State(V.euler(p.x(), p.level(), to, d), i + 1, TABLEAU.order(), p.h(), p.previousError(), null, null);
    }

    /** Adaptive sub-steps in u = log s from p to the level {@code end}. */
    private Point integrate(Model model, Point p, NoiseLevel end) {
        double u = Math.log(V.r(p.level())), uEnd = Math.log(V.r(end));
        Tensor x = p.x(), slope = p.slope();
        NoiseLevel level = p.level();
        double h = Double.isNaN(p.h()) ? uEnd - u : Math.copySign(Math.abs(p.h()), uEnd - u);
        double previousError = p.previousError();
        int s = TABLEAU.stages();
        for (int n = 0; u != uEnd; n++) {
            if (n == MAX_SUBSTEPS || Math.abs(h) < 1e-12 * Math.max(1, Math.abs(u))) {
                throw new ConfigurationException("rtol", "step size underflow at σ/α = " + Math.exp(u) + " (h = " + h
                        + " in log σ/α after " + n + " sub-steps); loosen rtol/atol");
            }
            boolean last = Math.abs(h) >= Math.abs(uEnd - u);
            double step = last ? uEnd - u : h;
            NoiseLevel[] levels = new NoiseLevel[s];
            double[] factors = new double[s];
            for (int j = 0; j < s; j++) {
                double c = TABLEAU.c(j);
                double r = c == 0 ? V.r(level) : last && c == 1 ? V.r(end) : Math.exp(u + c * step);
                levels[j] = c == 0 ? level : last && c == 1 ? end : V.levelAt(grid.schedule(), r);
                factors[j] = r; // dy/du = s · dy/ds
            }
            Tensor[] d = ExplicitRungeKutta.stages(TABLEAU, V, V::derivative, model, x, level, step, levels, factors, slope);
            if (slope == null) slope = d[0];
            NoiseLevel next = levels[s - 1];
            Tensor xNext = V.move(x, level, next, ExplicitRungeKutta.weights(TABLEAU.b(), step, factors), d);
            double[] errorWeights = new double[s];
            for (int j = 0; j < s; j++) errorWeights[j] = step * (TABLEAU.b(j) - TABLEAU.bHat(j)) * factors[j];
            Tensor error = Tensor.combine(errorWeights, d); // Hairer, Nørsett & Wanner I, Eq. (II.4.4), in y
            double err = StepSizeController.errorNorm(x.scale(1 / V.kappa(level)), xNext.scale(1 / V.kappa(next)), error, rtol, atol);
            if (!Double.isFinite(err)) {
                // a non-finite prediction is an error to report, not a step to retry: hand it to the sampling loop
                return new Point(Tensor.combine(1, xNext, 1, error), next, null, h, previousError);
            }
            StepSizeController.Decision decision = controller.decide(err, previousError);
            if (decision.accepted()) {
                x = xNext;
                level = next;
                slope = d[s - 1]; // first same as last: the seventh stage is evaluated at the new point
                u = last ? uEnd : u + step;
                previousError = err;
            }
            h = step * decision.factor();
        }
        return new Point(x, level, slope, h, previousError);
    }
}
