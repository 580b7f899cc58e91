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
 * Euler–Maruyama on the reverse-time SDE dx = [f x − g² ∇ log p_t] dt + g dw̄ with f = α′/α and
 * g² = 2σσ′ − 2fσ² (Song et al. 2021, arXiv:2011.13456, Eq. (6) and App. C). Weak order 1, one model
 * call and one draw per step; with {@code denoise_final} the last step adds no noise (score_sde's
 * "noise removal").
 */
public final class EulerMaruyama implements Solver<SimpleState> {
    private final Grid grid;
    private final boolean denoiseFinal;

    EulerMaruyama(Grid grid, boolean denoiseFinal) {
        this.grid = grid;
        this.denoiseFinal = denoiseFinal;
    }

    @Override public Grid grid() { return grid; }

    @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

    @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel from = grid.from(i), to = grid.to(i);
        double dt = to.t() - from.t(); // negative: reverse time
        double f = from.dAlpha() / from.alpha();
        double g2 = 2 * from.sigma() * from.dSigma() - 2 * f * from.sigma() * from.sigma();
        if (!Double.isFinite(f) || !Double.isFinite(g2) || !(g2 >= 0)) {
            throw new IllegalStateException("Euler–Maruyama needs finite drift and diffusion at t = " + from.t()
                    + " (f = " + f + ", g² = " + g2 + "); the grid's levels need α > 0 and time derivatives");
        }
        Tensor score = model.predict(Prediction.SCORE, s.x(), from);
        // x' = x + [f x − g² score] dt + g √|dt| z
        Tensor mean = Tensor.combine(1 + f * dt, s.x(), -g2 * dt, score);
        if (denoiseFinal && grid.isLast(i)) return s.next(mean, 1);
        Tensor z = noise.gaussian(s.x().shape());
        return s.next(Tensor.combine(1, mean, Math.sqrt(g2 * -dt), z), 1);
    }

    @Override public int modelCalls(int step) { return 1; }
}
