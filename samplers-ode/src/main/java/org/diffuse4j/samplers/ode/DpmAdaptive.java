package org.diffuse4j.samplers.ode;

import java.util.List;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.NonFiniteValueException;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.SimpleState;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.samplers.ode.DpmSolverPlusPlus2M.SolverType;

/**
 * Adaptive step size DPM-Solver-12 and DPM-Solver-23: Lu et al. 2022 (arXiv:2206.00927), §4 and the official
 * {@code dpm_solver_adaptive}. Each grid step is integrated with steps chosen at run time: from (s, x) a step of size h
 * in λ to t = t(λ_s + h) computes a lower-order x_L and a higher-order x_H that share their model calls (order 2:
 * DPM-Solver-1 and -2 with r₁ = ½; order 3: DPM-Solver-2 with r₁ = ⅓ and DPM-Solver-3 with r₁ = ⅓, r₂ = ⅔), and the
 * error E = max over the batch rows of RMS((x_H − x_L)/δ), δ = max(atol, rtol · max(|x_L|, |x_prev|)), where x_prev
 * is the lower-order value of the last accepted step. E ≤ 1 accepts x_H; either way h ← min(θ h E^{−1/order},
 * λ_end − λ_s), and the loop stops when |s − t_end| ≤ t_err. Every attempt costs {@code order} model calls.
 *
 * <p>As in the official code the error norm is a maximum over the batch, so a row's steps depend on the other rows
 * of its batch (the traits declare the solver adaptive); and E^{−1/order} is rounded to single precision there
 * ({@code torch.float_power(E, −1/order).float()}), which is reproduced so that replays take the same steps. A grid
 * step landing on clean data is not integrated but taken as the first-order jump to x̂₀ (one call), which is the
 * official {@code denoise_to_zero}.
 */
abstract sealed class DpmAdaptive implements Solver<SimpleState> permits DpmSolverAdaptive, DpmSolverPlusPlusAdaptive {

    /** The tolerances and controls of {@code dpm_solver_adaptive}. */
    record Control(int order, SolverType type, double atol, double rtol, double hInit, double theta, double tErr,
                   DpmForm.Thresholding thresholding) {}

    /** Attempts after which an integration that has not reached its end is reported rather than continued. */
    private static final int MAX_ATTEMPTS = 1_000_000;

    private final Grid grid;
    private final DpmForm form;
    private final Control control;

    DpmAdaptive(Grid grid, DpmForm form, Control control) {
        this.grid = grid;
        this.form = form;
        this.control = control;
    }

    @Override public final Grid grid() { return grid; }

    @Override public final SimpleState start(Tensor x) { return SimpleState.start(x); }

    /** One grid step at a time: its sub-steps and stages live within the step. */
    @Override public final int statesRetained() { return 0; }

    @Override public final SimpleState step(SimpleState s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel from = grid.from(i), to = grid.to(i);
        if (to.isClean()) {
            Tensor m = form.output(model, s.x(), from, control.thresholding());
            return s.next(DpmUpdates.firstOrder(form, s.x(), m, from, to), 1);
        }
        return s.next(integrate(i, s.x(), model, from, to), control.order());
    }

    private Tensor integrate(int step, Tensor x, Model model, NoiseLevel from, NoiseLevel to) {
        Schedule schedule = grid.schedule();
        double tEnd = to.t();
        double lambdaEnd = schedule.lambda(tEnd);
        double s = from.t();
        double lambdaS = schedule.lambda(s);
        NoiseLevel levelS = from;
        double h = control.hInit();
        Tensor xPrev = x;
        for (int attempt = 0; Math.abs(s - tEnd) > control.tErr(); attempt++) {
            if (attempt >= MAX_ATTEMPTS || !(Math.abs(h) > 0) || Double.isNaN(h)) {
                throw new NonFiniteValueException(step, s, "adaptive step size h = " + h + " after " + attempt + " attempts");
            }
            double t = schedule.tOfLambda(lambdaS + h);
            NoiseLevel levelT = schedule.at(t);
            Tensor[] lowHigh = lowerAndHigher(model, x, levelS, levelT);
            double e = errorNorm(lowHigh[0], lowHigh[1], xPrev);
            if (e <= 1) {
                x = lowHigh[1];
                s = t;
                xPrev = lowHigh[0];
                lambdaS = schedule.lambda(s);
                levelS = levelT;
            }
            // the official code rounds E^{−1/order} to float32 before using it
            double factor = (float) Math.pow(e, -1.0 / control.order());
            h = Math.min(control.theta() * h * factor, lambdaEnd - lambdaS);
        }
        return x;
    }

    /** The intermediate level at fraction r of the λ-interval from a to b (through the schedule's t(λ)). */
    private NoiseLevel intermediate(NoiseLevel a, NoiseLevel b, double r) {
        Schedule schedule = grid.schedule();
        double la = schedule.lambda(a.t()), lb = schedule.lambda(b.t());
        return schedule.at(schedule.tOfLambda(la + r * (lb - la)));
    }

    /** x_L and x_H from s to t, sharing model calls: DPM-Solver-1/2 (order 2) or DPM-Solver-2/3 (order 3). */
    private Tensor[] lowerAndHigher(Model model, Tensor x, NoiseLevel s, NoiseLevel t) {
        Tensor m0 = form.output(model, x, s, control.thresholding());
        SolverType type = control.type();
        if (control.order() == 2) {
            NoiseLevel s1 = intermediate(s, t, 0.5);
            Tensor low = DpmUpdates.firstOrder(form, x, m0, s, t);
            Tensor m1 = form.output(model, DpmUpdates.firstOrder(form, x, m0, s, s1), s1, control.thresholding());
            Tensor high = DpmUpdates.singlestep(form, type, 2, x, List.of(m0, m1), List.of(s, s1), t);
            return new Tensor[] {low, high};
        }
        NoiseLevel s1 = intermediate(s, t, 1.0 / 3), s2 = intermediate(s, t, 2.0 / 3);
        Tensor m1 = form.output(model, DpmUpdates.firstOrder(form, x, m0, s, s1), s1, control.thresholding());
        Tensor low = DpmUpdates.singlestep(form, type, 2, x, List.of(m0, m1), List.of(s, s1), t);
        // DPM-Solver-3's intermediate point always takes the Taylor (heun) form; arXiv:2206.00927, Algorithm 2
        Tensor x2 = DpmUpdates.singlestep(form, SolverType.HEUN, 2, x, List.of(m0, m1), List.of(s, s1), s2);
        Tensor m2 = form.output(model, x2, s2, control.thresholding());
        Tensor high = DpmUpdates.singlestep(form, type, 3, x, List.of(m0, m1, m2), List.of(s, s1, s2), t);
        return new Tensor[] {low, high};
    }

    /** max over rows of RMS((x_H − x_L)/δ), δ = max(atol, rtol · max(|x_L|, |x_prev|)). */
    private double errorNorm(Tensor low, Tensor high, Tensor prev) {
        int n = low.rowSize();
        double worst = 0;
        for (int r = 0; r < low.rows(); r++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double l = low.get(r, j);
                double delta = Math.max(control.atol(), control.rtol() * Math.max(Math.abs(l), Math.abs(prev.get(r, j))));
                double v = (high.get(r, j) - l) / delta;
                sum += v * v;
            }
            worst = Math.max(worst, Math.sqrt(sum / n));
        }
        return worst;
    }

    @Override public final int modelCalls(int step) { return grid.to(step).isClean() ? 1 : ADAPTIVE; }
}
