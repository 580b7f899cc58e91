package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.SimpleState;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;

/**
 * The shape every one-step Runge–Kutta solver shares: one {@link ExplicitRungeKutta} step per grid step, in
 * the solver's variables, with Euler's step (one call) when a step lands on clean data. Immutable.
 */
abstract class TableauSolver implements Solver<SimpleState> {
    private final Grid grid;
    private final RungeKuttaTableau tableau;
    private final PfOdeVariables variables;
    private final ExplicitRungeKutta.Slope slope;

    TableauSolver(Grid grid, RungeKuttaTableau tableau, PfOdeVariables variables, ExplicitRungeKutta.Slope slope) {
        this.grid = grid;
        this.tableau = tableau;
        this.variables = variables;
        this.slope = slope;
    }

    TableauSolver(Grid grid, RungeKuttaTableau tableau, PfOdeVariables variables) {
        this(grid, tableau, variables, variables::derivative);
    }

    @Override public final Grid grid() { return grid; }

    @Override public final SimpleState start(Tensor x) { return SimpleState.start(x); }

    @Override public final int statesRetained() { return 0; } // one-step: stages are evaluated within the step

    @Override public final SimpleState step(SimpleState s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel from = grid.from(i), to = grid.to(i);
        Tensor next = ExplicitRungeKutta.step(tableau, variables, slope, grid.schedule(), model, s.x(), from, to);
        return s.next(next, ExplicitRungeKutta.order(tableau, to));
    }

    @Override public final int modelCalls(int step) { return ExplicitRungeKutta.calls(tableau, grid.to(step)); }
}
