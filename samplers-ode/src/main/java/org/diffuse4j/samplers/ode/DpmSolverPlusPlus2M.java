package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverState;
import org.diffuse4j.api.Tensor;

/**
 * DPM-Solver++(2M): second-order multistep exponential integrator in data prediction;
 * Lu et al. 2022 (arXiv:2211.01095), Algorithm 2. Deterministic, one model call per step. The first
 * step is first order (no history); the last is first order when it lands on clean data (h = ∞), when
 * {@code euler_at_final} is set, or when {@code lower_order_final} applies to a short grid. With
 * {@code denoise_to_zero} the grid's last step is the official DPM-Solver's extra jump to x̂₀ (one more
 * model call) and the lower-order rule applies to the step before it.
 */
public final class DpmSolverPlusPlus2M implements Solver<DpmSolverPlusPlus2M.State> {
    /** Second-order correction variants of diffusers' {@code solver_type}. */
    public enum SolverType {
        /** D = x̂₀ + (x̂₀ − x̂₀_prev)/(2r): Lu et al. 2022, Algorithm 2 (official "dpmsolver", k-diffusion). */
        MIDPOINT,
        /** The Taylor form with weight (φ₁/h + 1): Lu et al. 2022, Eq. (11) (official "taylor"). */
        HEUN
    }

    /** x at grid index i, the previous x̂₀ and step size for the multistep correction. */
    public record State(Tensor x, int index, int orderUsed, Tensor previousX0, double previousH) implements SolverState {}

    private final Grid grid;
    private final int order;
    private final SolverType type;
    private final boolean lowerOrderFinal;
    private final int lowerOrderFinalBelow;
    private final boolean eulerAtFinal;
    private final boolean denoiseToZero;

    DpmSolverPlusPlus2M(Grid grid, int order, SolverType type, boolean lowerOrderFinal, int lowerOrderFinalBelow,
                        boolean eulerAtFinal, boolean denoiseToZero) {
        this.grid = grid;
        this.order = order;
        this.type = type;
        this.lowerOrderFinal = lowerOrderFinal;
        this.lowerOrderFinalBelow = lowerOrderFinalBelow;
        this.eulerAtFinal = eulerAtFinal;
        this.denoiseToZero = denoiseToZero;
    }

    @Override public Grid grid() { return grid; }

    @Override public State start(Tensor x) { return new State(x, 0, 0, null, Double.NaN); }

    @Override public State step(State s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel from = grid.from(i), to = grid.to(i);
        double h = ExponentialIntegrator.h(from, to);
        Tensor x0 = model.data(s.x(), from);
        if (order == 1 || s.previousX0() == null || firstOrderAt(i)) {
            return new State(ExponentialIntegrator.firstOrder(s.x(), x0, from, to), i + 1, 1, x0, h);
        }
        double r = s.previousH() / h;
        double phi1 = Math.expm1(-h);
        double sigmaRatio = ExponentialIntegrator.sigmaRatio(from, to);
        // D1 = (x̂₀ − x̂₀_prev)/r; Lu et al. 2022 (arXiv:2211.01095), Algorithm 2
        double wD1 = switch (type) {
            case MIDPOINT -> -0.5 * to.alpha() * phi1;
            case HEUN -> to.alpha() * (phi1 / h + 1);
        };
        double c0 = -to.alpha() * phi1;
        Tensor next = Tensor.combine(sigmaRatio, s.x(), c0 + wD1 / r, x0, -wD1 / r, s.previousX0());
        return new State(next, i + 1, 2, x0, h);
    }

    private boolean firstOrderAt(int i) {
        if (grid.isLast(i) && grid.to(i).isClean()) return true; // h = ∞: only the first-order step is defined
        // with denoise_to_zero the last step is the extra jump to x̂₀; the "final" step is the one before
        int solverSteps = denoiseToZero ? grid.steps() - 1 : grid.steps();
        if (i != solverSteps - 1) return false;
        return eulerAtFinal || (lowerOrderFinal && solverSteps < lowerOrderFinalBelow);
    }

    @Override public int modelCalls(int step) { return 1; }
}
