package org.diffuse4j.samplers.sde;

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
 * SA-Solver, Xue et al. 2023 (arXiv:2309.05019): a stochastic Adams–Bashforth predictor (Eq. (13), order p) and a
 * stochastic Adams–Moulton corrector (Eq. (15), order c) for the SDE family with noise fraction τ² (data prediction:
 * x_t = e^{−τ²h}(σ_t/σ_s) x + (1+τ²) σ_t e^{−τ²λ_t} Σ b_j m_j + σ_t √(1 − e^{−2τ²h}) ξ), as diffusers'
 * {@code SASolverScheduler}: at each level the corrector re-does the previous predictor step with the model output at
 * the predicted sample (no extra model call) and the same noise ξ, then the predictor steps on; both warm up from
 * order 1 and (with {@code lower_order_final}) lower their order near the end; order 2 adds the paper's O(h³)
 * modification. τ(t) is {@code tau} inside the window of model times [tau_window_start, tau_window_end] and 0
 * outside (diffusers' default: τ = 1 for timesteps 200 … 800). Weak order 2 (measured on Gaussian data). One model call and one draw per step (none onto
 * clean data, which takes x' = α' x̂₀).
 */
public final class SaSolver implements Solver<SaSolver.State> {
    /** Whether the model output m is x̂₀ (diffusers' {@code data_prediction}) or ε̂ ({@code noise_prediction}). */
    public enum AlgorithmType { DATA_PREDICTION, NOISE_PREDICTION }

    /**
     * x at grid index {@code index}; the model outputs m_i, m_{i−1}, … (most recent first); the corrector's inputs
     * (x and ξ of the last predictor step, its order and τ); how many warm-up steps have run.
     */
    public record State(Tensor x, int index, int orderUsed, List<Tensor> outputs, Tensor lastSample, Tensor lastNoise,
                        int correctorOrder, double lastTau, int lowerOrderNums) implements SolverState {
        public State {
            outputs = List.copyOf(outputs);
        }
    }

    private final Grid grid;
    private final int predictorOrder;
    private final int correctorOrder;
    private final boolean lowerOrderFinal;
    private final AlgorithmType algorithm;
    private final double tau;
    private final double windowStart;
    private final double windowEnd;

    SaSolver(Grid grid, int predictorOrder, int correctorOrder, boolean lowerOrderFinal, AlgorithmType algorithm, double tau,
             double windowStart, double windowEnd) {
        this.grid = grid;
        this.predictorOrder = predictorOrder;
        this.correctorOrder = correctorOrder;
        this.lowerOrderFinal = lowerOrderFinal;
        this.algorithm = algorithm;
        this.tau = tau;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
    }

    private int historyLength() { return Math.max(predictorOrder, correctorOrder - 1); }

    /** τ at a level: {@code tau} inside the model-time window, 0 outside (diffusers' {@code tau_func}). */
    double tauAt(NoiseLevel level) {
        double t = level.modelTime();
        return t >= windowStart && t <= windowEnd ? tau : 0;
    }

    @Override public Grid grid() { return grid; }

    @Override public State start(Tensor x) { return new State(x, 0, 0, List.of(), null, null, 0, 0, 0); }

    /** Keeps up to four model outputs and the last predictor sample. */
    @Override public int statesRetained() { return 5; }

    @Override public State step(State s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel level = grid.level(i), to = grid.to(i);
        boolean data = algorithm == AlgorithmType.DATA_PREDICTION;
        Tensor m = data ? model.data(s.x(), level) : model.epsilon(s.x(), level);
        Tensor x = s.x();
        if (i > 0 && s.lastSample() != null) {
            // SA-Corrector, Eq. (15): redo the last step from x_{i−1} with m_i included
            List<Tensor> outputs = new ArrayList<>(s.outputs().size() + 1);
            outputs.add(m);
            outputs.addAll(s.outputs());
            x = update(s.lastSample(), s.lastNoise(), outputs, i - 1, grid.level(i), s.correctorOrder(), s.lastTau(), true);
        }
        List<Tensor> outputs = new ArrayList<>();
        outputs.add(m);
        outputs.addAll(s.outputs().subList(0, Math.min(s.outputs().size(), historyLength() - 1)));
        int steps = grid.steps();
        int p = lowerOrderFinal ? Math.min(predictorOrder, steps - i) : predictorOrder;
        int c = lowerOrderFinal ? Math.min(correctorOrder, steps - i + 1) : correctorOrder;
        p = Math.min(p, s.lowerOrderNums() + 1);
        c = Math.min(c, s.lowerOrderNums() + 2);
        int lowerOrderNums = Math.min(s.lowerOrderNums() + 1, historyLength());
        double tauNow = tauAt(level);
        if (to.isClean()) {
            Tensor x0 = data ? m : Tensor.combine(1 / level.alpha(), x, -level.sigma() / level.alpha(), m);
            return new State(x0.scale(to.alpha()), i + 1, 1, outputs, x, null, c, tauNow, lowerOrderNums);
        }
        Tensor xi = Noise.draw(noise, x.shape(), level.sigmaVe(), to.sigmaVe());
        // SA-Predictor, Eq. (13)
        Tensor next = update(x, xi, outputs, i, to, p, tauNow, false);
        return new State(next, i + 1, p, outputs, x, xi, c, tauNow, lowerOrderNums);
    }

    /**
     * One stochastic Adams step from grid level {@code from} (x there, noise ξ) to {@code target} using the outputs
     * m at levels from+1−k … (most recent first; for the corrector the first is at the target).
     */
    private Tensor update(Tensor x, Tensor xi, List<Tensor> outputs, int from, NoiseLevel target, int order, double tauStep,
                          boolean corrector) {
        NoiseLevel s0 = grid.level(from);
        double lambdaT = target.lambda(), lambdaS = s0.lambda(), h = lambdaT - lambdaS;
        int newest = corrector ? from + 1 : from;
        double[] lambdas = new double[order];
        for (int k = 0; k < order; k++) lambdas[k] = k == 0 && corrector ? lambdaT : grid.level(newest - k).lambda();
        boolean data = algorithm == AlgorithmType.DATA_PREDICTION;
        double[] b = SaSolverCoefficients.weights(lambdas, lambdaS, lambdaT, tauStep, data);
        double c = 1 + tauStep * tauStep;
        if (data && order == 2) {
            // the O(h³) modification of order 2 (diffusers, "similar to UniPC"); it keeps the convergence order
            double correction = corrector
                    ? Math.exp(c * lambdaT) * (h / 2 - (h * c - 1 + Math.exp(c * -h)) / (c * c * h))
                    : Math.exp(c * lambdaT) * (h * h / 2 - (h * c - 1 + Math.exp(c * -h)) / (c * c)) / (lambdaS - grid.level(from - 1).lambda());
            b[0] += correction;
            b[1] -= correction;
        }
        double[] w = new double[order + 2];
        Tensor[] terms = new Tensor[order + 2];
        for (int k = 0; k < order; k++) {
            w[k] = data ? c * target.sigma() * Math.exp(-tauStep * tauStep * lambdaT) * b[k] : -c * target.alpha() * b[k];
            terms[k] = outputs.get(k);
        }
        if (data) {
            w[order] = Math.exp(-tauStep * tauStep * h) * (target.sigma() / s0.sigma());
            w[order + 1] = target.sigma() * Math.sqrt(-Math.expm1(-2 * tauStep * tauStep * h));
        } else {
            w[order] = target.alpha() / s0.alpha();
            w[order + 1] = tauStep * target.sigma() * Math.sqrt(Math.expm1(2 * h));
        }
        terms[order] = x;
        terms[order + 1] = xi;
        return Tensor.combine(w, terms);
    }

    @Override public int modelCalls(int step) { return 1; }
}
