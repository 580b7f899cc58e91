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
 * Improved PNDM (iPNDM); Zhang &amp; Chen 2023 (arXiv:2204.13902, §4 and App. B): PNDM's PLMS without its
 * pseudo Runge–Kutta warm-up, the equal-step Adams–Bashforth weights of the last up to {@code max_order} noise
 * estimates, rising from first order at the first step; diffusers' IPNDMScheduler and ComfyUI's
 * {@code ipndm}. Each step is DDIM's (Euler's step y' = y + (s' − s) ε on dy/ds = ε̂, y = x/α, s = σ/α), also a
 * last step to σ = 0, which needs no call there. Deterministic, one model call per step; with fixed weights on
 * unequal steps in s it converges at second order.
 *
 * <p>{@link StepForm} says in which variables the step is written: both are the same update wherever α &gt; 0.
 */
public final class Ipndm implements Solver<Ipndm.State> {
    private static final PfOdeVariables V = PfOdeVariables.SIGMA;

    /** The smallest α diffusers' IPNDMScheduler divides by ({@code max(alpha, 1e-8)}). */
    static final double DIFFUSERS_ALPHA_FLOOR = 1e-8;

    /** The variables of the DDIM step with the combined noise estimate ε̄. */
    public enum StepForm {
        /** y' = y + (s' − s) ε̄ in y = x/α, s = σ/α (ComfyUI's {@code ipndm}); undefined where α = 0. */
        SIGMA,
        /**
         * diffusers' IPNDMScheduler in the VP state: x̂₀ = (x − σ ε̄)/max(α, 10⁻⁸), x' = α' x̂₀ + σ' ε̄. Its own schedule
         * starts at α = 0, σ = 1, where the floor makes the first step x' = σ' ε̄ (ε̄ = x there), and a later pass
         * over that level (its tests keep the history across passes) divides x − σ ε̄ by 10⁻⁸.
         */
        DIFFUSERS
    }

    /** x at grid index i and the noise estimates at the starts of the last (up to max_order − 1) steps, oldest first. */
    public record State(Tensor x, int index, int orderUsed, List<Tensor> noise) implements SolverState {
        public State { noise = List.copyOf(noise); }
    }

    private final Grid grid;
    private final int maxOrder;
    private final StepForm form;

    Ipndm(Grid grid, int maxOrder) { this(grid, maxOrder, StepForm.SIGMA); }

    Ipndm(Grid grid, int maxOrder, StepForm form) {
        this.grid = grid;
        this.maxOrder = maxOrder;
        this.form = form;
    }

    @Override public Grid grid() { return grid; }

    @Override public State start(Tensor x) { return new State(x, 0, 0, List.of()); }

    /** Keeps at most `max_order` ≤ 4 noise predictions, computed at the last states. */
    @Override public int statesRetained() { return 4; }

    @Override public State step(State s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel from = grid.from(i), to = grid.to(i);
        List<Tensor> eps = new ArrayList<>(s.noise());
        eps.add(V.derivative(model, s.x(), from));
        int k = eps.size();
        double[] beta = MultistepCoefficients.adamsBashforth(k);
        Tensor[] newestFirst = new Tensor[k];
        for (int j = 0; j < k; j++) newestFirst[j] = eps.get(k - 1 - j);
        Tensor epsBar = Tensor.combine(beta, newestFirst);
        Tensor next = switch (form) {
            case SIGMA -> V.euler(s.x(), from, to, epsBar);
            case DIFFUSERS -> { // DDIM, Song et al. 2021 (arXiv:2010.02502), Eq. (12) with σ_t = 0, α floored as diffusers does
                double d = Math.max(from.alpha(), DIFFUSERS_ALPHA_FLOOR);
                Tensor x0 = Tensor.combine(1, s.x(), -from.sigma(), epsBar).map(v -> v / d);
                yield Tensor.combine(to.alpha(), x0, to.sigma(), epsBar);
            }
        };
        if (k == maxOrder) eps.remove(0);
        return new State(next, i + 1, k, eps);
    }

    @Override public int modelCalls(int step) { return 1; }
}
