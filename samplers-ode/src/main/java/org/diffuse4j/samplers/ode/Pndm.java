package org.diffuse4j.samplers.ode;

import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverState;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.predict.Predictions;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;

/**
 * Pseudo numerical methods for diffusion models (PNDM); Liu et al. 2022 (arXiv:2202.09778), as diffusers'
 * PNDMScheduler. The transfer part φ(x_t, ε, t, t') of Eq. (11) is DDIM's step, i.e. Euler's step
 * y' = y + (s' − s) ε on dy/ds = ε̂ (y = x/α, s = σ/α); the gradient part combines model outputs:
 * <ul>
 *   <li>PRK warm-up (Eq. (13)): the first three steps are the classical Runge–Kutta combination
 *       (e₁ + 2e₂ + 2e₃ + e₄)/6 with four calls each, stages at the midpoint in s;</li>
 *   <li>PLMS (Eq. (12)): the equal-step Adams–Bashforth weights of up to four past outputs, one call per step;</li>
 *   <li>with {@code skip_prk_steps} PLMS starts at once, its first step the pseudo improved Euler step
 *       φ(x, (e₀ + e₁)/2) with e₁ at the Euler predictor (two calls), then second, third and fourth order.</li>
 * </ul>
 * Deterministic. A PRK step landing on σ = 0 is a single transfer (the stages would evaluate the model at
 * σ = 0). With fixed weights on unequal steps in s the method converges at second order.
 *
 * <p>With {@code diffusers_timesteps} the levels between and after the grid's integer timesteps follow
 * diffusers' arithmetic exactly (r = ⌊N_train/N⌋): PLMS steps land at t − r (the grid's last level when
 * negative), the PRK first stage lands at t − ⌊r/2⌋ while its middle stages are evaluated at t' + ⌊r/2⌋, and the
 * pseudo improved Euler step transfers from t₁ + r; these coincide with the grid only for equally spaced
 * timesteps. With {@code combined_output = v_prediction} the raw v outputs are combined and converted to ε at
 * the step's start, as diffusers does for v-prediction models.
 */
public final class Pndm implements Solver<Pndm.State> {
    /** Which model output the gradient part combines. */
    public enum CombinedOutput {
        /** ε̂, as Liu et al. 2022. */
        EPSILON,
        /** the raw v output, converted to ε̂ after combining (diffusers with {@code prediction_type="v_prediction"}). */
        V_PREDICTION
    }

    /** x at grid index i and the model outputs at the starts of the last (up to three) steps, oldest first. */
    public record State(Tensor x, int index, int orderUsed, List<Tensor> outputs) implements SolverState {
        public State { outputs = List.copyOf(outputs); }
    }

    private static final PfOdeVariables V = PfOdeVariables.SIGMA;
    private static final int PRK_STEPS = 3;

    private final Grid grid;
    private final boolean skipPrk;
    private final CombinedOutput combined;
    private final DiscreteVpSchedule diffusers; // null: levels from the grid and the schedule

    Pndm(Grid grid, boolean skipPrk, CombinedOutput combined, boolean diffusersTimesteps) {
        this.grid = grid;
        this.skipPrk = skipPrk;
        this.combined = combined;
        this.diffusers = diffusersTimesteps ? checkDiffusersGrid(grid) : null;
    }

    private static DiscreteVpSchedule checkDiffusersGrid(Grid grid) {
        if (!(grid.schedule() instanceof DiscreteVpSchedule d)) {
            throw new ConfigurationException("diffusers_timesteps", "needs a discrete VP schedule, got " + grid.schedule());
        }
        if (grid.hasLandings()) throw new ConfigurationException("diffusers_timesteps", "derives every landing itself; the grid has landings");
        for (int i = 0; i < grid.steps(); i++) {
            double k = grid.level(i).modelTime();
            if (k != Math.rint(k) || k < 0 || k >= d.trainSteps()) {
                throw new ConfigurationException("diffusers_timesteps", "needs integer timesteps at the grid's levels; level " + i + " has " + k);
            }
        }
        return d;
    }

    @Override public Grid grid() { return grid; }

    @Override public State start(Tensor x) { return new State(x, 0, 0, List.of()); }

    @Override public int modelCalls(int step) {
        if (prk(step)) return grid.to(step).isClean() ? 1 : 4;
        return pseudoImprovedEuler(step) ? 2 : 1;
    }

    private boolean prk(int i) { return !skipPrk && i < PRK_STEPS; }

    private boolean pseudoImprovedEuler(int i) { return skipPrk && i == 0 && grid.steps() > 1 && !grid.to(0).isClean(); }

    /** Keeps at most 4 model outputs, computed at the last states. */
    @Override public int statesRetained() { return 4; }

    @Override public State step(State s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel from = grid.from(i), to = grid.to(i);
        Tensor x = s.x();
        Tensor e = output(model, x, from);
        List<Tensor> history = new ArrayList<>(s.outputs());
        history.add(e);
        if (prk(i)) {
            Tensor next = to.isClean() ? transfer(x, from, to, e) : pseudoRungeKutta(model, x, from, to, e, i);
            return new State(next, i + 1, to.isClean() ? 1 : 4, history);
        }
        if (pseudoImprovedEuler(i)) {
            // Liu et al. 2022, Eq. (12)'s warm-up as diffusers and the original PLMS: e₁ at the Euler predictor
            Tensor predictor = transfer(x, from, diffusers == null ? to : level(timestep(from) - ratio()), e);
            Tensor e1 = output(model, predictor, to);
            NoiseLevel base = diffusers == null ? from : level(timestep(to) + ratio());
            return new State(transfer(x, base, to, Tensor.combine(0.5, e, 0.5, e1)), i + 1, 2, history);
        }
        // PLMS, Liu et al. 2022, Eq. (12): Adams–Bashforth weights on the last (up to) four outputs
        int k = history.size();
        double[] beta = MultistepCoefficients.adamsBashforth(k);
        Tensor[] newestFirst = new Tensor[k];
        for (int j = 0; j < k; j++) newestFirst[j] = history.get(k - 1 - j);
        NoiseLevel landing = diffusers == null ? to : level(timestep(from) - ratio());
        Tensor next = transfer(x, from, landing, Tensor.combine(beta, newestFirst));
        if (history.size() == 4) history.remove(0);
        return new State(next, i + 1, k, history);
    }

    /** PRK, Liu et al. 2022, Eq. (13): four outputs, each stage transferred from x. */
    private Tensor pseudoRungeKutta(Model model, Tensor x, NoiseLevel from, NoiseLevel to, Tensor e1, int i) {
        NoiseLevel firstLanding, middle;
        if (diffusers == null) {
            firstLanding = middle = V.levelAt(grid.schedule(), 0.5 * (V.r(from) + V.r(to)));
        } else {
            int half = ratio() / 2;
            firstLanding = level(timestep(from) - half);
            middle = level(timestep(to) + half);
        }
        Tensor e2 = output(model, transfer(x, from, firstLanding, e1), middle);
        Tensor e3 = output(model, transfer(x, from, middle, e2), middle);
        Tensor e4 = output(model, transfer(x, from, to, e3), to);
        Tensor sum = Tensor.combine(new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6}, new Tensor[] {e1, e2, e3, e4});
        return transfer(x, from, to, sum);
    }

    private Tensor output(Model model, Tensor x, NoiseLevel level) {
        return combined == CombinedOutput.EPSILON ? model.epsilon(x, level) : model.predict(Prediction.V, x, level);
    }

    /**
     * The transfer φ: DDIM's step from a to b with a combined output, Liu et al. 2022, Eq. (11), as Euler's step
     * in (y, s). A combined v is first turned into ε̂ at (x, a).
     */
    private Tensor transfer(Tensor x, NoiseLevel a, NoiseLevel b, Tensor out) {
        if (combined == CombinedOutput.EPSILON) return V.euler(x, a, b, out);
        double[] c = Predictions.coefficients(Prediction.V, Prediction.EPSILON, a); // ε = c₀ x + c₁ v
        double kb = V.kappa(b), dr = V.r(b) - V.r(a);
        return Tensor.combine(kb / V.kappa(a) + kb * dr * c[0], x, kb * dr * c[1], out);
    }

    // ------------------------------------------------------------------ diffusers' timestep arithmetic

    private int ratio() { return diffusers.trainSteps() / grid.steps(); }

    private static int timestep(NoiseLevel l) { return (int) Math.rint(l.modelTime()); }

    /** ᾱ at timestep k, the grid's last level (diffusers' final_alpha_cumprod) below 0. */
    private NoiseLevel level(int k) {
        if (k < 0) return grid.level(grid.steps());
        if (k >= diffusers.trainSteps()) {
            throw new ConfigurationException("diffusers_timesteps", "timestep " + k + " is beyond the schedule's " + diffusers.trainSteps());
        }
        return diffusers.timestep(k);
    }
}
