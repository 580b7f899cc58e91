package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.SimpleState;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;

/**
 * One-step and multistep consistency sampling, Song et al. 2023 (arXiv:2303.01469), Algorithm 1; diffusers'
 * {@code CMStochasticIterativeScheduler}. At each grid level the consistency function gives x̂₀ = f(x, s) — the
 * denoiser's x₀ target, which for a consistency model must be its consistency function at that level, boundary
 * scalings included (see {@link ConsistencyFunction}) — optionally clamped to [−1, 1]; then
 * y' = x̂₀ + S_noise √(ŝ'² − s_min²) z with ŝ' = clamp(s', s_min, s_max) in y = x/α, s = σ/α, and x' = α' y'.
 * A grid of one step is one-step sampling. One model call per step; one draw per step whose noise is non-zero (a
 * last step to s_min or to clean data draws nothing).
 */
public final class ConsistencySampler implements Solver<SimpleState> {
    private final Grid grid;
    private final double sigmaMin;
    private final double sigmaMax;
    private final double sNoise;
    private final boolean clipDenoised;

    ConsistencySampler(Grid grid, double sigmaMin, double sigmaMax, double sNoise, boolean clipDenoised) {
        this.grid = grid;
        this.sigmaMin = sigmaMin;
        this.sigmaMax = sigmaMax;
        this.sNoise = sNoise;
        this.clipDenoised = clipDenoised;
    }

    @Override public Grid grid() { return grid; }

    @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

    /** One-step: reads only the current state. */
    @Override public int statesRetained() { return 0; }

    @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel from = grid.from(i), to = grid.to(i);
        Tensor x0 = model.data(s.x(), from);
        if (clipDenoised) x0 = x0.clamp(-1, 1);
        double sHat = Math.min(sigmaMax, Math.max(sigmaMin, to.sigmaVe()));
        double std = Math.sqrt(Math.max(0, sHat * sHat - sigmaMin * sigmaMin)) * sNoise;
        if (std == 0) return s.next(x0.scale(to.alpha()), 1);
        Tensor z = Noise.draw(noise, s.x().shape(), from.sigmaVe(), to.sigmaVe());
        return s.next(Tensor.combine(to.alpha(), x0, to.alpha() * std, z), 1);
    }

    @Override public int modelCalls(int step) { return 1; }
}
