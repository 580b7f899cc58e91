package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.SimpleState;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;

/**
 * The stochastic sampler of Karras et al. 2022 (arXiv:2206.00364), Algorithm 2: churn to ŝ = s(1 + γ)
 * ({@link Churn}), then a Heun step of dy/ds = (y − x̂₀)/s from ŝ to s' (y = x/α, s = σ/α), Euler onto clean data;
 * k-diffusion's {@code sample_heun} with {@code s_churn}. Two model calls per step (one onto clean data) and one
 * draw per step, drawn whether or not γ &gt; 0 as k-diffusion does. Weak order 2 (measured on Gaussian data).
 */
public final class StochasticHeun implements Solver<SimpleState> {
    private final Grid grid;
    private final Churn churn;

    StochasticHeun(Grid grid, Churn churn) {
        this.grid = grid;
        this.churn = churn;
    }

    @Override public Grid grid() { return grid; }

    @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

    @Override public int statesRetained() { return 0; } // one-step: reads only the current state

    @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel from = grid.from(i), to = grid.to(i);
        double sigma = from.sigmaVe(), gamma = churn.gamma(grid, i), sigmaHat = sigma * (gamma + 1), sigmaNext = to.sigmaVe();
        Tensor z = Noise.draw(noise, s.x().shape(), sigma, sigmaHat);
        // Alg. 2, lines 5–6: ŷ = y + √(ŝ² − s²) S_noise z
        Tensor yHat = gamma > 0 ? Tensor.combine(1 / from.alpha(), s.x(), Math.sqrt(sigmaHat * sigmaHat - sigma * sigma) * churn.sNoise(), z)
                : s.x().scale(1 / from.alpha());
        NoiseLevel hat = gamma > 0 ? Levels.atSigmaVe(grid.schedule(), sigmaHat) : from;
        Tensor x0 = model.data(gamma > 0 ? yHat.scale(hat.alpha()) : s.x(), hat);
        double dt = sigmaNext - sigmaHat;
        // d = (ŷ − x̂₀)/ŝ; y₂ = ŷ + dt·d (Alg. 2, lines 7–8)
        Tensor y2 = Tensor.combine(1 + dt / sigmaHat, yHat, -dt / sigmaHat, x0);
        if (sigmaNext == 0) return s.next(y2.scale(to.alpha()), 1);
        Tensor x02 = model.data(y2.scale(to.alpha()), to);
        // y' = ŷ + dt (d + d₂)/2, d₂ = (y₂ − x̂₀₂)/s' (Alg. 2, lines 9–11)
        double a = dt / (2 * sigmaHat), b = dt / (2 * sigmaNext);
        Tensor next = Tensor.combine(new double[] {1 + a, -a, b, -b}, new Tensor[] {yHat, x0, y2, x02});
        return s.next(next.scale(to.alpha()), 2);
    }

    @Override public int modelCalls(int step) { return grid.to(step).sigmaVe() == 0 ? 1 : 2; }
}
