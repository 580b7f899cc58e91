package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.SimpleState;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;

/**
 * Ancestral sampling with the DDPM posterior q(x_s | x_t, x̂₀); Ho et al. 2020 (arXiv:2006.11239),
 * Eqs. (6)–(7), generalised to any pair of levels (Kingma et al. 2021, arXiv:2107.00630, Eq. (29)):
 * mean = α_{t|s} σ_s²/σ_t² · x + α_s σ²_{t|s}/σ_t² · x̂₀, variance σ²_{t|s} σ_s²/σ_t² ({@code fixed_small})
 * or σ²_{t|s} ({@code fixed_large}). One model call and one draw per step (none when landing on clean data).
 */
public final class Ddpm implements Solver<SimpleState> {
    /** diffusers' {@code variance_type}. */
    public enum VarianceType {
        /** β̃_t = σ²_{t|s} σ_s²/σ_t², the posterior variance. */
        FIXED_SMALL,
        /** β_t = σ²_{t|s}. */
        FIXED_LARGE
    }

    private final Grid grid;
    private final VarianceType varianceType;

    Ddpm(Grid grid, VarianceType varianceType) {
        this.grid = grid;
        this.varianceType = varianceType;
    }

    @Override public Grid grid() { return grid; }

    @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

    @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel t = grid.from(i), to = grid.to(i);
        Tensor x0 = model.data(s.x(), t);
        double alphaTs = t.alpha() / to.alpha();
        double sigmaT2 = t.sigma() * t.sigma(), sigmaS2 = to.sigma() * to.sigma();
        double sigmaTs2 = Math.max(0, sigmaT2 - alphaTs * alphaTs * sigmaS2);
        // posterior mean, Ho et al. 2020 Eq. (7) in (α, σ) form
        double cx = alphaTs * sigmaS2 / sigmaT2;
        double c0 = to.alpha() * sigmaTs2 / sigmaT2;
        if (to.isClean()) return s.next(Tensor.combine(cx, s.x(), c0, x0), 1);
        double variance = switch (varianceType) {
            case FIXED_SMALL -> Math.max(sigmaTs2 * sigmaS2 / sigmaT2, 1e-20);
            case FIXED_LARGE -> sigmaTs2;
        };
        Tensor z = noise.gaussian(s.x().shape());
        return s.next(Tensor.combine(cx, s.x(), c0, x0, Math.sqrt(variance), z), 1);
    }

    @Override public int modelCalls(int step) { return 1; }
}
