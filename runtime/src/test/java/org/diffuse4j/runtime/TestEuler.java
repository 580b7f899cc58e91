package org.diffuse4j.runtime;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverState;
import org.diffuse4j.api.Tensor;

/**
 * Test fixture: first-order Euler step of the probability-flow ODE in its exponential-integrator
 * form, x' = α' x̂₀ + σ' ε̂ with ε̂ = (x − α x̂₀)/σ (DDIM with η = 0, Song et al. 2021,
 * arXiv:2010.02502, Eq. (12)). Deterministic, one model call per step. Public so that plugin JARs
 * compiled by the tests can return it.
 */
public final class TestEuler implements Solver<TestEuler.State> {
    /** The sample, the next step index and the order used (1 after any step). */
    public record State(Tensor x, int index, int orderUsed) implements SolverState {}

    private final Grid grid;

    public TestEuler(Grid grid) { this.grid = grid; }

    @Override public Grid grid() { return grid; }

    @Override public State start(Tensor x) { return new State(x, 0, 0); }

    @Override public State step(State s, Model model, NoiseSource noise) {
        NoiseLevel from = grid.from(s.index()), to = grid.to(s.index());
        Tensor x0 = model.data(s.x(), from);
        Tensor eps = Tensor.combine(1 / from.sigma(), s.x(), -from.alpha() / from.sigma(), x0);
        return new State(Tensor.combine(to.alpha(), x0, to.sigma(), eps), s.index() + 1, 1);
    }

    @Override public int modelCalls(int step) { return 1; }
}
