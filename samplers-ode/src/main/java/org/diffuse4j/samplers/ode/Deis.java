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
import org.diffuse4j.api.predict.Thresholds;

/**
 * DEIS, the diffusion exponential integrator sampler; Zhang &amp; Chen 2023 (arXiv:2204.13902), multistep ρAB-DEIS
 * with polynomial extrapolation of ε̂ in log ρ, as diffusers' {@code DEISMultistepScheduler}
 * ({@code algorithm_type = "deis"}, {@code solver_type = "logrho"}). Deterministic, one model call per step,
 * orders 1–3: step i uses the last min(p, i + 1) outputs; with {@code lower_order_final} a grid of fewer than
 * 15 steps takes its last step at first order and the one before at order ≤ 2 (diffusers' rule). Order 1 is DDIM.
 */
public final class Deis implements Solver<Deis.State> {
    /** x at grid index i and the noise predictions at levels i − eps.size() … i − 1. */
    public record State(Tensor x, int index, int orderUsed, List<Tensor> eps) implements SolverState {
        public State {
            eps = List.copyOf(eps);
        }
    }

    /** diffusers' lower_order_final applies below this many steps. */
    static final int LOWER_ORDER_FINAL_BELOW = 15;

    private final Grid grid;
    private final int order;
    private final boolean lowerOrderFinal;
    private final double thresholdRatio; // 0: off
    private final double sampleMaxValue;

    Deis(Grid grid, int order, boolean lowerOrderFinal, double thresholdRatio, double sampleMaxValue) {
        this.grid = grid;
        this.order = order;
        this.lowerOrderFinal = lowerOrderFinal;
        this.thresholdRatio = thresholdRatio;
        this.sampleMaxValue = sampleMaxValue;
    }

    @Override public Grid grid() { return grid; }

    @Override public State start(Tensor x) { return new State(x, 0, 0, List.of()); }

    @Override public int modelCalls(int step) { return 1; }

    /** Keeps at most `order` ≤ 4 noise predictions, computed at the last states. */
    @Override public int statesRetained() { return 4; }

    @Override public State step(State s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel from = grid.from(i), to = grid.to(i);
        Tensor eps = epsilon(model, s.x(), from);
        List<Tensor> history = new ArrayList<>(s.eps());
        history.add(eps);
        if (history.size() > order) history.remove(0);
        int p = orderAt(i);
        double[] nodes = new double[p];
        Tensor[] terms = new Tensor[p + 1];
        for (int j = 0; j < p; j++) {
            nodes[j] = grid.from(i - j).sigmaVe();
            terms[j + 1] = history.get(history.size() - 1 - j);
        }
        double[] w = DeisCoefficients.weights(nodes, to.sigmaVe());
        // x_t = α_t (x_s/α_s + Σ_j w_j ε̂_j): ρAB-DEIS, Zhang & Chen 2023, §4
        double[] c = new double[p + 1];
        c[0] = to.alpha() / from.alpha();
        terms[0] = s.x();
        for (int j = 0; j < p; j++) c[j + 1] = to.alpha() * w[j];
        return new State(Tensor.combine(c, terms), i + 1, p, history);
    }

    /** The order of step i: warm-up, then diffusers' lower_order_final on short grids. */
    int orderAt(int i) {
        int p = Math.min(order, i + 1);
        int n = grid.steps();
        if (lowerOrderFinal && n < LOWER_ORDER_FINAL_BELOW) {
            if (i == n - 1) p = 1;
            else if (i == n - 2) p = Math.min(p, 2);
        }
        return p;
    }

    /** ε̂, or with thresholding ε̂ = (x − α x̂₀)/σ from the thresholded x̂₀ (diffusers' convert_model_output). */
    private Tensor epsilon(Model model, Tensor x, NoiseLevel level) {
        if (thresholdRatio == 0) return model.epsilon(x, level);
        Tensor x0 = Thresholds.dynamic(model.data(x, level), thresholdRatio, sampleMaxValue);
        return Tensor.combine(1 / level.sigma(), x, -level.alpha() / level.sigma(), x0);
    }
}
