package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.SimpleState;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;

/**
 * Euler–Maruyama on the family of reverse-time SDEs with the marginals of the forward process,
 * dx = [f x − (1 + λ)/2 · g² ∇ log p_t] dt + √λ g dw̄, λ ∈ [0, 1]: λ = 1 is the reverse SDE (Song et al. 2021,
 * arXiv:2011.13456, Eq. (6)), λ = 0 the probability-flow ODE (Eq. (13)), in between the family of Zhang &amp; Chen 2023
 * (arXiv:2204.13902, §2; their λ² is λ here). f = α′/α and g² = 2σσ′ − 2fσ² fit VP, VE and sub-VP schedules
 * ({@link SubVpSchedule}). Weak order 1, one model call and (λ &gt; 0) one draw per step; with
 * {@code denoise_final} the last step adds no noise (score_sde's "noise removal").
 */
public final class EulerMaruyama implements Solver<SimpleState> {
    private final Grid grid;
    private final boolean denoiseFinal;
    private final double lambda;

    EulerMaruyama(Grid grid, boolean denoiseFinal, double lambda) {
        this.grid = grid;
        this.denoiseFinal = denoiseFinal;
        this.lambda = lambda;
    }

    @Override public Grid grid() { return grid; }

    @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

    @Override public int statesRetained() { return 0; } // one-step: reads only the current state

    @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel from = grid.from(i), to = grid.to(i);
        double dt = to.t() - from.t(); // negative: reverse time
        ReverseSde sde = ReverseSde.at(from);
        Tensor score = model.predict(Prediction.SCORE, s.x(), from);
        // x' = x + [f x − (1+λ)/2 g² score] dt + √λ g √|dt| z
        Tensor mean = Tensor.combine(1 + sde.f() * dt, s.x(), -(1 + lambda) / 2 * sde.g2() * dt, score);
        if (lambda == 0 || (denoiseFinal && grid.isLast(i))) return s.next(mean, 1);
        Tensor z = Noise.draw(noise, s.x().shape(), from.sigmaVe(), to.sigmaVe());
        return s.next(Tensor.combine(1, mean, Math.sqrt(lambda * sde.g2() * -dt), z), 1);
    }

    @Override public int modelCalls(int step) { return 1; }
}
