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
import org.diffuse4j.samplers.ode.DpmSolverPlusPlus2M.SolverType;

/**
 * The multistep DPM-Solvers (Lu et al. 2022, arXiv:2211.01095, §4 and App. B): one model call per step, the last
 * {@code order} model outputs kept in the state. Which order a step uses follows the official code and diffusers:
 * <ul>
 *   <li>warm-up: step i (from 0) uses at most order i + 1;</li>
 *   <li>{@code lower_order_final} on grids of fewer than {@code lower_order_final_below} solver steps n: step i uses
 *       at most order n − i (the official {@code min(order, steps + 1 − step)} for steps &lt; 10; diffusers'
 *       {@code lower_order_final} and {@code lower_order_second} for fewer than 15 steps);</li>
 *   <li>{@code euler_at_final}: the last solver step is first order;</li>
 *   <li>a step landing on clean data (σ = 0, h = ∞) is first order, i.e. it jumps to x̂₀ (diffusers'
 *       {@code final_sigmas_type="zero"}); with {@code denoise_to_zero} the grid's last step is the official code's
 *       extra such jump and the rules above count the steps before it.</li>
 * </ul>
 */
abstract sealed class DpmMultistep implements Solver<DpmMultistep.State>
        permits DpmSolver, DpmSolverPlusPlus2M, DpmSolverPlusPlus3M {

    /** How a multistep solver chooses its order and corrects its model outputs. */
    record Rules(int order, SolverType type, boolean lowerOrderFinal, int lowerOrderFinalBelow, boolean eulerAtFinal,
                 boolean denoiseToZero, DpmForm.Thresholding thresholding) {}

    /** x at grid index i, the order just used, and the last model outputs with their levels, newest first. */
    public record State(Tensor x, int index, int orderUsed, List<Tensor> outputs, List<NoiseLevel> levels)
            implements SolverState {
        public State {
            outputs = List.copyOf(outputs);
            levels = List.copyOf(levels);
        }
    }

    private final Grid grid;
    private final DpmForm form;
    private final Rules rules;

    DpmMultistep(Grid grid, DpmForm form, Rules rules) {
        this.grid = grid;
        this.form = form;
        this.rules = rules;
    }

    @Override public final Grid grid() { return grid; }

    @Override public final State start(Tensor x) { return new State(x, 0, 0, List.of(), List.of()); }

    /** Step i + 1 reads the outputs at the last order − 1 states before its own (the state keeps no older one). */
    @Override public final int statesRetained() { return rules.order() - 1; }

    @Override public final State step(State s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel from = grid.from(i), to = grid.to(i);
        Tensor m = form.output(model, s.x(), from, rules.thresholding());
        List<Tensor> outputs = new ArrayList<>(rules.order());
        List<NoiseLevel> levels = new ArrayList<>(rules.order());
        outputs.add(m);
        levels.add(from);
        for (int k = 0; k < s.outputs().size() && outputs.size() < rules.order(); k++) {
            outputs.add(s.outputs().get(k));
            levels.add(s.levels().get(k));
        }
        int order = orderAt(i);
        Tensor next = DpmUpdates.multistep(form, rules.type(), order, s.x(), outputs, levels, to);
        return new State(next, i + 1, order, outputs, levels);
    }

    /** The order step i uses. */
    final int orderAt(int i) {
        if (grid.to(i).isClean()) return 1; // h = ∞: only the first-order step (the jump to x̂₀) is defined
        int n = rules.denoiseToZero() ? grid.steps() - 1 : grid.steps();
        int order = Math.min(rules.order(), i + 1);
        if (rules.lowerOrderFinal() && n < rules.lowerOrderFinalBelow()) order = Math.min(order, n - i);
        if (rules.eulerAtFinal() && i == n - 1) order = 1;
        return Math.max(1, order);
    }

    @Override public final int modelCalls(int step) { return 1; }
}
