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
 * call at s = 0. Deterministic, one model call per step; declared order 3, the rate measured over practical step
 * counts (the lower-order start keeps the four-step formula's fourth order out of reach until many steps).
 */
public final class Lms implements Solver<Lms.State> {
    private static final PfOdeVariables V = PfOdeVariables.SIGMA;

    /** x at grid index i and the derivatives dy/ds of the last steps, oldest first. */
    public record State(Tensor x, int index, int orderUsed, List<Tensor> derivatives) implements SolverState {
        public State { derivatives = List.copyOf(derivatives); }
    }

    private final Grid grid;
    private final int order;

    Lms(Grid grid, int order) {
        this.grid = grid;
        this.order = order;
    }

    @Override public Grid grid() { return grid; }

    @Override public State start(Tensor x) { return new State(x, 0, 0, List.of()); }

    @Override public State step(State s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel from = grid.from(i), to = grid.to(i);
        List<Tensor> ds = new ArrayList<>(s.derivatives());
        ds.add(V.derivative(model, s.x(), from));
        if (ds.size() > order) ds.remove(0);
        int k = ds.size();
        double[] nodes = new double[k];
        Tensor[] newestFirst = new Tensor[k];
        for (int j = 0; j < k; j++) {
            nodes[j] = V.r(grid.from(i - j));
            newestFirst[j] = ds.get(k - 1 - j);
        }
        double[] w = MultistepCoefficients.lagrangeIntegrated(nodes, V.r(to));
        return new State(V.move(s.x(), from, to, w, newestFirst), i + 1, k, ds);
    }

    @Override public int modelCalls(int step) { return 1; }
}
