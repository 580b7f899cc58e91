package org.diffuse4j.models.guidance;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.SimpleState;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;

/**
 * Deterministic DDIM (Song et al. 2021, arXiv:2010.02502, Eq. (12), η = 0) for tests of this module,
 * which cannot depend on the samplers: x' = (σ'/σ) x + (α' − σ' α/σ) x̂₀, one model call per step.
 */
record TinyDdim(Grid grid) implements Solver<SimpleState> {
    @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

    @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
        NoiseLevel from = grid.from(s.index()), to = grid.to(s.index());
        Tensor x0 = model.data(s.x(), from);
        double ratio = to.sigma() / from.sigma();
        return s.next(Tensor.combine(ratio, s.x(), to.alpha() - ratio * from.alpha(), x0), 1);
    }

    @Override public int modelCalls(int step) { return 1; }
}
