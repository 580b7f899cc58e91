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
import org.diffuse4j.samplers.ode.DpmSolverPlusPlus2M.SolverType;
import org.diffuse4j.samplers.ode.DpmSolverSinglestep.OrderSchedule;

/**
 * The singlestep DPM-Solvers on a grid that holds every point where the model is called: a singlestep update of
 * order k from level a to level a + k calls the model at a, a + 1, …, a + k − 1, so each grid step is one model call
 * and the grid's intermediate levels are the update's intermediate points (r₁ = (λ_{a+1} − λ_a)/h,
 * r₂ = (λ_{a+2} − λ_a)/h). This is how diffusers' DPMSolverSinglestepScheduler walks its timesteps, and the official
 * {@code DPM_Solver.sample(method="singlestep")} on the grid of its outer and inner time steps.
 *
 * <p>Step j of a group of order g is the j-th sub-step: it predicts the next grid level with an update of order j
 * from the group's start (1: DPM-Solver-1; 2: the second-order singlestep update, in the form
 * {@code third_order_intermediate} inside a third-order group and {@code solver_type} otherwise; 3: the third-order
 * update), which is the order the trace reports. The grouping comes from {@link OrderSchedule}; a group that would
 * land on clean data with order g &gt; 1 is split into g − 1 and 1 (h = ∞ allows only the first-order jump to x̂₀;
 * diffusers' {@code final_sigmas_type="zero"}); with {@code denoise_to_zero} the grid's last step is the official
 * extra jump to x̂₀ and the groups cover the steps before it.
 *
 * <p>With {@code start_step} k &gt; 0 the run walks steps k … n − 1 of the grid. The groups are those of the whole
 * grid, each sub-step's order lowered to the number of model outputs the run has made so far: a group the start cuts
 * into restarts with a first-order step at k and ends where it would have ended, one order lower per skipped step
 * (diffusers' DPMSolverSinglestepScheduler from {@code timesteps[k]}, whose {@code step} lowers the order of
 * {@code order_list[k]} "while model_outputs[-order] is None").
 */
abstract sealed class DpmSinglestep implements Solver<DpmSinglestep.State>
        permits DpmSolverSinglestep, DpmSolverPlusPlus2S {

    /** How a singlestep solver groups its steps and corrects its model outputs. */
    record Rules(int order, OrderSchedule schedule, SolverType type, SolverType intermediateType, boolean denoiseToZero,
                 DpmForm.Thresholding thresholding, int startStep) {}

    /** x at grid index i, the order just used, the current group's start x and its model outputs (oldest first). */
    public record State(Tensor x, int index, int orderUsed, Tensor groupStart, List<Tensor> outputs) implements SolverState {
        public State {
            outputs = List.copyOf(outputs);
        }
    }

    private final Grid grid;
    private final DpmForm form;
    private final Rules rules;
    private final int[] subOrder;   // j: the sub-step's order within its group
    private final int[] groupOrder; // g: the order of the group the step belongs to

    DpmSinglestep(Grid grid, DpmForm form, Rules rules) {
        if (grid.hasLandings()) {
            throw new ConfigurationException("grid", "singlestep DPM-Solvers need a grid whose steps land on the next level");
        }
        this.form = form;
        this.rules = rules;
        int n = rules.denoiseToZero() ? grid.steps() - 1 : grid.steps();
        List<Integer> groups = new ArrayList<>();
        for (int g : rules.schedule().groupOrders(n, rules.order())) groups.add(g);
        int last = groups.get(groups.size() - 1);
        if (last > 1 && grid.to(n - 1).isClean()) { // h = ∞ on the last step: end the group one step early
            groups.set(groups.size() - 1, last - 1);
            groups.add(1);
        }
        if (rules.denoiseToZero()) groups.add(1);
        int[] fullSubOrder = new int[grid.steps()];
        int i = 0;
        for (int g : groups) {
            for (int j = 1; j <= g; j++, i++) fullSubOrder[i] = j;
        }
        int k = rules.startStep();
        if (k < 0 || k >= grid.steps()) {
            throw new ConfigurationException("start_step", k + " is outside 0 … " + (grid.steps() - 1));
        }
        this.grid = StartStep.rest(grid, k);
        this.subOrder = new int[grid.steps() - k];
        for (int m = 0; m < subOrder.length; m++) subOrder[m] = Math.min(fullSubOrder[k + m], m + 1); // outputs made so far
        this.groupOrder = new int[subOrder.length];
        for (int end = subOrder.length - 1; end >= 0; ) { // a group runs 1, 2, …, g
            int g = subOrder[end];
            for (int m = end - g + 1; m <= end; m++) groupOrder[m] = g;
            end -= g;
        }
    }

    @Override public final Grid grid() { return grid; }

    @Override public final State start(Tensor x) { return new State(x, 0, 0, x, List.of()); }

    /** A group of up to 3 steps reads its start state and the outputs at the states inside it. */
    @Override public final int statesRetained() { return 3; }

    @Override public final State step(State s, Model model, NoiseSource noise) {
        int i = s.index();
        int order = subOrder[i];
        Tensor m = form.output(model, s.x(), grid.from(i), rules.thresholding());
        Tensor start = order == 1 ? s.x() : s.groupStart();
        List<Tensor> outputs = new ArrayList<>(order);
        if (order > 1) outputs.addAll(s.outputs());
        outputs.add(m);
        int a = i - order + 1;
        List<NoiseLevel> levels = new ArrayList<>(order);
        for (int k = a; k <= i; k++) levels.add(grid.from(k));
        SolverType type = order == 2 && groupOrder[i] == 3 ? rules.intermediateType() : rules.type();
        Tensor next = DpmUpdates.singlestep(form, type, order, start, outputs, levels, grid.to(i));
        return new State(next, i + 1, order, start, outputs);
    }

    /** The order of each group of steps, as the grid is walked (for traces and tests). */
    final int[] groupOrders() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < subOrder.length; i++) {
            if (subOrder[i] == groupOrder[i]) out.add(groupOrder[i]);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override public final int modelCalls(int step) { return 1; }
}
