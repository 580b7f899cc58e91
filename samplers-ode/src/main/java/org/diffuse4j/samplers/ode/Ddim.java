package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.SimpleState;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;

/**
 * DDIM with η = 0, Song et al. 2021 (arXiv:2010.02502), Eq. (12): x' = α' x̂₀ + σ' ε̂.
 * First order, deterministic, one model call per step. The diffusers options that choose where it
 * steps ({@code timestep_spacing}, {@code steps_offset}, {@code set_alpha_to_one}) shape the grid.
 */
public final class Ddim implements Solver<SimpleState> {
    private final Grid grid;

    Ddim(Grid grid) { this.grid = grid; }

    @Override public Grid grid() { return grid; }

    @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

    @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
        int i = s.index();
        Tensor x0 = model.data(s.x(), grid.from(i));
        return s.next(ExponentialIntegrator.firstOrder(s.x(), x0, grid.from(i), grid.to(i)), 1);
    }

    @Override public int modelCalls(int step) { return 1; }
}
