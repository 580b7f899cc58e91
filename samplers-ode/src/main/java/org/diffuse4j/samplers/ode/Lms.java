package org.diffuse4j.samplers.ode;

import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverState;
import org.diffuse4j.api.Tensor;

/**
 * The linear multistep sampler of k-diffusion's {@code sample_lms} and diffusers' LMSDiscreteScheduler: the
 * variable-step Adams–Bashforth method in s = σ/α on dy/ds = (y − x̂₀)/s (Karras et al. 2022,
 * arXiv:2206.00364, Eq. (4); Hairer, Nørsett &amp; Wanner I, Eq. (III.5.3)), its weights the integrals of the
 * Lagrange basis through the last {@code order} values of s over [s_i, s_{i+1}]. The order rises by one per
 * step up to {@code order} (default 4) and stays there, also on a last step to σ = 0, which needs no model
 * call at s = 0. Deterministic, one model call per step; order 4 with the default {@code order} (observed from about
 * 64 steps on; the lower-order start-up steps make the slope smaller below that).
 *
 * <p>With {@code start_step} k &gt; 0 the run walks the grid's steps from k on. {@link MidScheduleWeights} says how
 * its first steps, before {@code order} derivatives exist, are weighted.
 */
public final class Lms implements Solver<Lms.State> {
    private static final PfOdeVariables V = PfOdeVariables.SIGMA;

    /** How the steps of a run that starts part-way along the grid ({@code start_step} &gt; 0) are weighted. */
    public enum MidScheduleWeights {
        /**
         * The Lagrange basis through the s of the derivatives the run has: its order rises from 1 at the start step,
         * exactly as a run on the rest of the grid (k-diffusion's {@code sample_lms} on truncated σ's).
         */
        HISTORY,
        /**
         * diffusers' LMSDiscreteScheduler started at {@code timesteps[k]} (image-to-image, strength &lt; 1): its step
         * counts the order from the schedule's first step, min(k + i + 1, order), builds the Lagrange basis through
         * that many s of the whole grid (skipped levels included) and pairs its first coefficients with the
         * derivatives it has, newest first ({@code zip} drops the rest). Until {@code order} derivatives exist the
         * weights do not sum to the step (s' − s): not a consistent multistep method, reproduced because it is what
         * diffusers' pipelines compute.
         */
        DIFFUSERS
    }

    /** x at the index i of the walked steps and the derivatives dy/ds of the last steps, oldest first. */
    public record State(Tensor x, int index, int orderUsed, List<Tensor> derivatives) implements SolverState {
        public State { derivatives = List.copyOf(derivatives); }
    }

    private final Grid full;
    private final Grid grid;
    private final int order;
    private final int startStep;
    private final MidScheduleWeights weights;

    Lms(Grid grid, int order) { this(grid, order, 0, MidScheduleWeights.HISTORY); }

    Lms(Grid full, int order, int startStep, MidScheduleWeights weights) {
        this.full = full;
        this.grid = StartStep.rest(full, startStep);
        this.order = order;
        this.startStep = startStep;
        this.weights = weights;
    }

    @Override public Grid grid() { return grid; }

    @Override public State start(Tensor x) { return new State(x, 0, 0, List.of()); }

    /** Keeps at most `order` ≤ 4 derivatives, computed at the last states. */
    @Override public int statesRetained() { return 4; }

    @Override public State step(State s, Model model, NoiseSource noise) {
        int i = s.index();
        int f = startStep + i; // index on the whole grid
        NoiseLevel from = full.from(f), to = full.to(f);
        List<Tensor> ds = new ArrayList<>(s.derivatives());
        ds.add(V.derivative(model, s.x(), from));
        if (ds.size() > order) ds.remove(0);
        int k = ds.size();
        // nodes: the s of the derivatives (HISTORY), or of the last min(f + 1, order) levels of the whole grid (DIFFUSERS)
        int nodeCount = weights == MidScheduleWeights.DIFFUSERS ? Math.min(f + 1, order) : k;
        double[] nodes = new double[nodeCount];
        for (int j = 0; j < nodeCount; j++) nodes[j] = V.r(full.from(f - j));
        double[] basis = MultistepCoefficients.lagrangeIntegrated(nodes, V.r(to));
        double[] w = new double[k];
        Tensor[] newestFirst = new Tensor[k];
        for (int j = 0; j < k; j++) {
            w[j] = basis[j];
            newestFirst[j] = ds.get(k - 1 - j);
        }
        return new State(V.move(s.x(), from, to, w, newestFirst), i + 1, k, ds);
    }

    @Override public int modelCalls(int step) { return 1; }
}
