package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.SimpleState;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;

/**
 * Stochastic DDIM, Song et al. 2021 (arXiv:2010.02502), Eq. (12) with the variance of Eq. (16):
 * x' = α' x̂₀ + √(σ'² − s²) ε̂ + s z with s = η·σ'·σ_{t|s}/σ (η = 1 is DDPM's posterior, η = 0 deterministic
 * DDIM), as diffusers' {@code DDIMScheduler.step(eta=…)}. Weak order 1, one model call per step; with η &gt; 0
 * one draw per step (none for a step whose s is 0, i.e. one landing on clean data). x̂₀ may be clipped or
 * dynamically thresholded; ε̂ then stays the model's (diffusers' default) or is recomputed from the corrected x̂₀
 * ({@code use_clipped_model_output}, as GLIDE does).
 */
public final class DdimEta implements Solver<SimpleState> {
    private final Grid grid;
    private final double eta;
    private final X0Correction correction;
    private final boolean useClippedModelOutput;

    DdimEta(Grid grid, double eta, X0Correction correction, boolean useClippedModelOutput) {
        this.grid = grid;
        this.eta = eta;
        this.correction = correction;
        this.useClippedModelOutput = useClippedModelOutput;
    }

    @Override public Grid grid() { return grid; }

    @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

    @Override public int statesRetained() { return 0; } // one-step: reads only the current state

    @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel t = grid.from(i), to = grid.to(i);
        Tensor x0 = model.data(s.x(), t);
        Tensor corrected = correction.apply(x0);
        // ε̂ = (x − α x̂₀)/σ, from the model's x̂₀ or (use_clipped_model_output) from the corrected one
        Tensor epsSource = useClippedModelOutput ? corrected : x0;
        double std = eta * Math.sqrt(to.sigma() * to.sigma() * Levels.transitionVariance(t, to)) / t.sigma(); // Eq. (16)
        double direction = Math.sqrt(Math.max(0, to.sigma() * to.sigma() - std * std)) / t.sigma();
        // x' = α' x̂₀c + √(σ'² − s²) (x − α x̂₀)/σ + s z: Eq. (12)
        if (std == 0) {
            return s.next(Tensor.combine(to.alpha(), corrected, direction, s.x(), -direction * t.alpha(), epsSource), 1);
        }
        Tensor z = Noise.draw(noise, s.x().shape(), t.sigmaVe(), to.sigmaVe());
        return s.next(Tensor.combine(to.alpha(), corrected, direction, s.x(), -direction * t.alpha(), epsSource, std, z), 1);
    }

    @Override public int modelCalls(int step) { return 1; }
}
