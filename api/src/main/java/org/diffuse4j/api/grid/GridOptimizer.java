package org.diffuse4j.api.grid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;

/**
 * A grid optimised for a given denoiser, solver and step count — the analogue of Align-Your-Steps
 * (Sabour et al. 2024, arXiv:2404.14507) without fixed tables: the interior levels are chosen to minimise the
 * RMS error of pilot runs against a fine-step solution of the same solver from the same x_T.
 *
 * <p>The levels are parameterised by their log-SNR: λ_i = λ_start + (λ_end − λ_start)·Σ_{j≤i} softmax(θ)_j,
 * which keeps them ordered; θ is searched with Nelder–Mead (Nelder &amp; Mead 1965) from the uniform-λ grid
 * (θ = 0), so the result is never worse than uniform λ on the pilot batch. When {@code toData} is set, a final
 * step to clean data follows the last optimised level.
 */
public final class GridOptimizer {
    private final Schedule schedule;
    private final double tStart, tEnd;
    private final boolean toData;

    /** Optimises grids on {@code schedule} from {@code tStart} to {@code tEnd} (σ &gt; 0), then to data if {@code toData}. */
    public GridOptimizer(Schedule schedule, double tStart, double tEnd, boolean toData) {
        this.schedule = schedule;
        this.tStart = tStart;
        this.tEnd = tEnd;
        this.toData = toData;
        if (!Double.isFinite(schedule.lambda(tStart)) || !Double.isFinite(schedule.lambda(tEnd))) {
            throw new ConfigurationException("grid", "the optimised grid needs finite λ at t = " + tStart + " and t = " + tEnd);
        }
    }

    /** The grid for parameters θ (one per λ interval). */
    public Grid grid(double[] theta) {
        double l0 = schedule.lambda(tStart), l1 = schedule.lambda(tEnd);
        double max = Arrays.stream(theta).max().orElse(0), sum = 0;
        double[] w = new double[theta.length];
        for (int i = 0; i < w.length; i++) sum += w[i] = Math.exp(theta[i] - max);
        List<NoiseLevel> levels = new ArrayList<>();
        levels.add(schedule.at(tStart));
        double acc = 0;
        for (int i = 0; i < w.length - 1; i++) {
            acc += w[i] / sum;
            levels.add(schedule.atLambda(l0 + (l1 - l0) * acc));
        }
        levels.add(schedule.at(tEnd));
        if (toData) levels.add(NoiseLevel.clean(schedule.tMin(), schedule.modelTime(schedule.tMin())));
        return Grid.of(schedule, levels);
    }

    /** Steps of the λ part of a grid with {@code steps} steps in all. */
    private int lambdaSteps(int steps) { return toData ? steps - 1 : steps; }

    /**
     * The optimised grid of {@code steps} steps.
     *
     * @param solverFor  creates the solver on a grid
     * @param denoiser   the model the grid is tuned for
     * @param pilot      pilot x_T rows (a few dozen suffice)
     * @param fineSteps  steps of the fine reference solution (e.g. 8× steps)
     * @param evaluations budget of pilot runs for the search
     */
    public Result optimise(int steps, Function<Grid, Solver<?>> solverFor, Denoiser denoiser, Tensor pilot, int fineSteps, int evaluations) {
        int m = lambdaSteps(steps);
        if (m < 1) throw new ConfigurationException("steps", "an optimised grid needs at least " + (toData ? 2 : 1) + " steps, got " + steps);
        if (fineSteps <= steps) throw new ConfigurationException("fine_steps", "the reference needs more steps than the grid (" + steps + "), got " + fineSteps);
        Tensor reference = run(solverFor.apply(grid(new double[lambdaSteps(fineSteps)])), denoiser, pilot);
        Function<double[], Double> error = theta -> {
            try {
                return run(solverFor.apply(grid(theta)), denoiser, pilot).rmsDistance(reference);
            } catch (RuntimeException e) { // a degenerate grid (levels collapsing) is simply a bad point
                return Double.POSITIVE_INFINITY;
            }
        };
        double[] start = new double[m];
        double uniform = error.apply(start);
        double[] best = m == 1 ? start : nelderMead(error, start, 0.5, evaluations);
        double optimised = error.apply(best);
        if (!(optimised < uniform)) {
            best = start;
            optimised = uniform;
        }
        return new Result(grid(best), uniform, optimised);
    }

    /** The optimised grid with the pilot error of the uniform-λ start and of the result. */
    public record Result(Grid grid, double uniformError, double optimisedError) {}

    private static Tensor run(Solver<?> solver, Denoiser denoiser, Tensor pilot) {
        return Sampler.sample(solver, denoiser, pilot, NoiseSource.seeded(0)).samples();
    }

    /** Nelder–Mead with the standard coefficients (reflection 1, expansion 2, contraction ½, shrink ½). */
    static double[] nelderMead(Function<double[], Double> f, double[] x0, double step, int budget) {
        int n = x0.length;
        double[][] p = new double[n + 1][];
        double[] v = new double[n + 1];
        p[0] = x0.clone();
        v[0] = f.apply(p[0]);
        for (int i = 0; i < n; i++) {
            p[i + 1] = x0.clone();
            p[i + 1][i] += step;
            v[i + 1] = f.apply(p[i + 1]);
        }
        int evals = n + 1;
        while (evals < budget) {
            Integer[] order = new Integer[n + 1];
            for (int i = 0; i <= n; i++) order[i] = i;
            final double[] vv = v;
            Arrays.sort(order, (a, b) -> Double.compare(vv[a], vv[b]));
            double[][] ps = new double[n + 1][];
            double[] vs = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                ps[i] = p[order[i]];
                vs[i] = v[order[i]];
            }
            p = ps;
            v = vs;
            double[] c = new double[n];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) c[j] += p[i][j] / n;
            double[] r = along(c, p[n], -1);
            double vr = f.apply(r);
            evals++;
            if (vr < v[0]) {
                double[] e = along(c, p[n], -2);
                double ve = f.apply(e);
                evals++;
                if (ve < vr) { p[n] = e; v[n] = ve; } else { p[n] = r; v[n] = vr; }
            } else if (vr < v[n - 1]) {
                p[n] = r;
                v[n] = vr;
            } else {
                double[] k = along(c, p[n], 0.5);
                double vk = f.apply(k);
                evals++;
                if (vk < v[n]) {
                    p[n] = k;
                    v[n] = vk;
                } else {
                    for (int i = 1; i <= n; i++) {
                        p[i] = along(p[0], p[i], 0.5);
                        v[i] = f.apply(p[i]);
                        evals++;
                    }
                }
            }
        }
        int best = 0;
        for (int i = 1; i <= n; i++) if (v[i] < v[best]) best = i;
        return p[best];
    }

    /** c + a·(x − c). */
    private static double[] along(double[] c, double[] x, double a) {
        double[] out = new double[c.length];
        for (int i = 0; i < c.length; i++) out[i] = c[i] + a * (x[i] - c[i]);
        return out;
    }
}
