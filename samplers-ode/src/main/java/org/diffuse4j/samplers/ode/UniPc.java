package org.diffuse4j.samplers.ode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverState;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Thresholds;

/**
 * UniPC, the unified predictor–corrector multistep framework; Zhao et al. 2023 (arXiv:2302.04867), the B(h)
 * variants of §3.3 as the official {@code uni_pc.py} ({@code UniPC.sample}, multistep) and diffusers'
 * {@code UniPCMultistepScheduler} implement them. Deterministic, one model call per step.
 *
 * <p>Step i evaluates the model at the sample x_i the previous predictor produced; UniC-p (Algorithm 1) then
 * corrects x_i with that evaluation (which is kept as history, so the corrector costs no extra call), and
 * UniP-p (Algorithm 2) extrapolates from the corrected x_i to the next level with the last p model outputs.
 * In data prediction (the default) the solver integrates x̂₀ in λ, in noise prediction ε̂ in −λ. With the
 * corrector the order is p + 1 in the interior; the effective order of a run also depends on the warm-up
 * (order min(p, i + 1)), on {@code lower_order_final} (order min(p, steps − i); both references apply it at any
 * number of steps, diffusers documents it for fewer than 15) and on
 * the last step, which is left uncorrected unless {@code final_corrector} spends one more model call at the
 * last level (the official code's {@code use_corrector} at the final step).
 *
 * <p>A step from or to an infinite λ (α = 0 or σ = 0) is taken at first order and never corrected, and such a
 * level is never a history node: B(h) and the ratios r_m are not finite there.
 */
public final class UniPc implements Solver<UniPc.State> {
    /**
     * x at grid index i (the predictor's result, corrected at the next step), the model outputs at levels
     * i − models.size() … i − 1, and the sample and order the last predictor started from (and whether that
     * sample is a corrected one, which only this solver holds).
     */
    public record State(Tensor x, int index, int orderUsed, List<Tensor> models, Tensor previousX, int previousOrder,
                        boolean previousCorrected) implements SolverState {
        public State {
            models = List.copyOf(models);
        }
    }

    /**
     * Everything that selects a UniPC method.
     *
     * @param disabledCorrectors steps k whose result is not corrected (diffusers' {@code disable_corrector})
     * @param lowerOrderFinalBelow {@code lowerOrderFinal} applies to grids of fewer solver steps than this
     * @param thresholdRatio     dynamic thresholding quantile of x̂₀ (0: off), with {@code sampleMaxValue}
     */
    record Settings(UniPcVariant variant, int order, boolean predictX0, boolean corrector, Set<Integer> disabledCorrectors,
                    boolean finalCorrector, boolean lowerOrderFinal, int lowerOrderFinalBelow, boolean denoiseToZero,
                    double thresholdRatio, double sampleMaxValue) {
        Settings {
            disabledCorrectors = Set.copyOf(disabledCorrectors);
        }
    }

    private final Grid grid;
    private final Settings settings;
    private final int solverSteps; // grid steps without the final denoising jump

    UniPc(Grid grid, Settings settings) {
        this.grid = grid;
        this.settings = settings;
        this.solverSteps = settings.denoiseToZero() ? grid.steps() - 1 : grid.steps();
    }

    @Override public Grid grid() { return grid; }

    @Override public State start(Tensor x) { return new State(x, 0, 0, List.of(), null, 0, false); }

    @Override public int modelCalls(int step) {
        return settings.finalCorrector() && step == solverSteps - 1 ? 2 : 1;
    }

    /** Step i + 1's corrector reads the outputs at states i − order + 1 … i and the sample the last predictor started from. */
    @Override public int statesRetained() { return settings.order(); }

    @Override public State step(State s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel from = grid.from(i);
        if (i == solverSteps) { // denoise_to_zero: x̂₀ at the last level (the official denoise_to_zero_fn)
            return new State(data(model, s.x(), from), i + 1, 1, s.models(), s.previousX(), s.previousOrder(), s.previousCorrected());
        }
        Tensor m = output(model, s.x(), from);
        List<Tensor> models = new ArrayList<>(s.models());
        models.add(m);
        if (models.size() > settings.order()) models.remove(0);
        int p = orderAt(i);
        boolean correct = i > 0 && correctsAfter(i - 1);
        boolean finalCorrector = settings.finalCorrector() && i == solverSteps - 1;
        Tensor x = s.x(), next = null;
        Terms corrector = correct ? terms(s.previousX(), s.models(), i - 1, s.previousOrder(), m) : null;
        Terms predictor = corrector != null && !finalCorrector ? terms(null, models, i, p, null) : null;
        if (predictor != null && corrector.c().length <= 6 && predictor.c().length <= 6) { // UniC then UniP in one pass, the predictor starting from the corrected sample
            Tensor[] both = Tensor.combinePair(corrector.c(), corrector.t(), predictor.c(), predictor.t());
            x = both[0];
            next = both[1];
        } else {
            if (correct) x = update(s.previousX(), s.models(), i - 1, s.previousOrder(), m);
            next = update(x, models, i, p, null);
            if (finalCorrector) next = update(x, models, i, p, output(model, next, grid.to(i)));
        }
        if (s.previousCorrected() && x != s.previousX()) s.previousX().release(); // the last corrected sample, read for the last time
        boolean corrected = x != s.x() && x != s.previousX(); // a sample only this state holds (h = 0 returns its input)
        return new State(next, i + 1, p, models, x, p, corrected);
    }

    /** Whether UniC corrects the result of step k (at the start of step k + 1). */
    private boolean correctsAfter(int k) {
        return settings.corrector() && !settings.disabledCorrectors().contains(k) && finiteStep(k);
    }

    private boolean finiteStep(int k) {
        return Double.isFinite(grid.from(k).lambda()) && Double.isFinite(grid.to(k).lambda());
    }

    /** The predictor order of step i: warm-up, lower_order_final, and only finite-λ nodes. */
    int orderAt(int i) {
        int p = Math.min(settings.order(), i + 1);
        if (settings.lowerOrderFinal() && solverSteps < settings.lowerOrderFinalBelow()) p = Math.min(p, solverSteps - i);
        if (!finiteStep(i)) return 1;
        int usable = 1;
        while (usable < p && Double.isFinite(grid.from(i - usable).lambda())) usable++;
        return usable;
    }

    /** x̂₀ (thresholded if asked) in data prediction, ε̂ in noise prediction. */
    private Tensor output(Model model, Tensor x, NoiseLevel level) {
        return settings.predictX0() ? data(model, x, level) : model.epsilon(x, level);
    }

    private Tensor data(Model model, Tensor x, NoiseLevel level) {
        Tensor x0 = model.data(x, level);
        return settings.thresholdRatio() > 0 ? Thresholds.dynamic(x0, settings.thresholdRatio(), settings.sampleMaxValue()) : x0;
    }

    /**
     * One UniP-p step from {@code x} at level k to grid.to(k) with the outputs {@code models} (the last at level k),
     * or with {@code target} (the output at the landing point) the UniC-p correction of that step.
     */
    private Tensor update(Tensor x, List<Tensor> models, int k, int p, Tensor target) {
        Terms terms = terms(x, models, k, p, target);
        if (terms != null) return Tensor.combine(terms.c(), terms.t());
        NoiseLevel from = grid.from(k), to = grid.to(k);
        if (to.lambda() - from.lambda() == 0) return x; // a zero-length step (diffusers' final σ_min → σ_min)
        Tensor m0 = models.get(models.size() - 1);
        // first-order part, exact for a frozen output: DPM-Solver++(1) in data prediction, DPM-Solver-1 in noise prediction
        return settings.predictX0() ? ExponentialIntegrator.firstOrder(x, m0, from, to)
                : Tensor.combine(to.alpha() / from.alpha(), x, -to.alpha() * from.sigma() / from.alpha(), m0);
    }

    /** The coefficients and operands of a UniP/UniC update; {@code x} is the first operand (null: filled in later). */
    private record Terms(double[] c, Tensor[] t) {}

    /**
     * The terms of {@link #update} in the general case, or null for a zero-length step or one from α = 0 or to clean
     * data (which {@link #update} takes at first order).
     */
    private Terms terms(Tensor x, List<Tensor> models, int k, int p, Tensor target) {
        NoiseLevel from = grid.from(k), to = grid.to(k);
        double lambdaFrom = from.lambda();
        double h = to.lambda() - lambdaFrom;
        if (h == 0 || to.isClean() || from.alpha() == 0) return null;
        Tensor m0 = models.get(models.size() - 1);
        double a, c0, factor, hh;
        if (settings.predictX0()) {
            hh = -h;
            a = ExponentialIntegrator.sigmaRatio(from, to);
            factor = -to.alpha();
        } else {
            hh = h;
            a = to.alpha() / from.alpha();
            factor = -to.sigma();
        }
        c0 = factor * Math.expm1(hh);
        double[] ratios = new double[p - 1];
        for (int j = 1; j < p; j++) ratios[j - 1] = (grid.from(k - j).lambda() - lambdaFrom) / h;
        double scale;
        double[] rho;
        if (settings.variant() == UniPcVariant.VARY_COEFF) { // the weights carry their h φ factors
            scale = factor;
            rho = UniPcCoefficients.vary(ratios, hh, target != null);
        } else {
            scale = factor * settings.variant().of(hh);
            double[] b = UniPcCoefficients.rightHandSide(hh, settings.variant(), p);
            rho = target == null ? UniPcCoefficients.predictor(ratios, b) : UniPcCoefficients.corrector(ratios, b);
        }
        int terms = 2 + (p - 1) + (target == null ? 0 : 1);
        double[] c = new double[terms];
        Tensor[] t = new Tensor[terms];
        c[0] = a;
        t[0] = x;
        double onM0 = c0;
        for (int j = 1; j < p; j++) { // ρ_j D_j, D_j = (m_{k−j} − m_k)/r_j
            double w = scale * rho[j - 1] / ratios[j - 1];
            c[1 + j] = w;
            t[1 + j] = models.get(models.size() - 1 - j);
            onM0 -= w;
        }
        if (target != null) { // ρ_t D_t, D_t = m_t − m_k (Algorithm 1)
            double w = scale * rho[p - 1];
            c[terms - 1] = w;
            t[terms - 1] = target;
            onM0 -= w;
        }
        c[1] = onM0;
        t[1] = m0;
        return new Terms(c, t);
    }
}
