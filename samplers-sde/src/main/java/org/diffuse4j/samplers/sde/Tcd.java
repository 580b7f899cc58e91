package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.SimpleState;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;

/**
 * Strategic stochastic sampling of trajectory consistency distillation, Zheng et al. 2024 (arXiv:2402.19159), §4.2;
 * diffusers' {@code TCDScheduler}. From timestep t to the next timestep t' it jumps with the model's x̂₀ and ε̂ to the
 * intermediate timestep s = ⌊(1 − γ) t'⌋, x_s = α_s x̂₀ + σ_s ε̂, then forward-noises to t':
 * x' = (α'/α_s) x_s + √(σ'² − (α'/α_s)² σ_s²) z. γ = 0 is deterministic (s = t'), γ = 1 jumps to timestep 0. The
 * last step returns x_s. One model call per step, one draw per step but the last when γ &gt; 0.
 */
public final class Tcd implements Solver<SimpleState> {
    private final Grid grid;
    private final double gamma;
    private final DiscreteVpSchedule schedule;

    Tcd(Grid grid, double gamma) {
        this.grid = grid;
        this.gamma = gamma;
        this.schedule = (DiscreteVpSchedule) grid.schedule();
    }

    @Override public Grid grid() { return grid; }

    @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

    /** The level of timestep s = ⌊(1 − γ)·t'⌋, t' the landing level's timestep; clean data stays clean. */
    NoiseLevel intermediate(NoiseLevel to) {
        if (to.isClean()) return to;
        int k = (int) Math.floor((1 - gamma) * to.modelTime());
        return schedule.timestep(Math.max(0, Math.min(schedule.trainSteps() - 1, k)));
    }

    /** One-step: reads only the current state. */
    @Override public int statesRetained() { return 0; }

    @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel from = grid.from(i), to = grid.to(i);
        NoiseLevel mid = intermediate(to);
        Tensor x0 = model.data(s.x(), from);
        // x_s = α_s x̂₀ + σ_s ε̂ with ε̂ = (x − α x̂₀)/σ
        Tensor xs = Tensor.combine(mid.alpha() - mid.sigma() * from.alpha() / from.sigma(), x0, mid.sigma() / from.sigma(), s.x());
        if (gamma == 0 || grid.isLast(i)) return s.next(xs, 1);
        double ratio = to.alpha() / mid.alpha();
        double std = Math.sqrt(Math.max(0, to.sigma() * to.sigma() - ratio * ratio * mid.sigma() * mid.sigma()));
        Tensor z = Noise.draw(noise, s.x().shape(), mid.sigmaVe(), to.sigmaVe());
        return s.next(Tensor.combine(ratio, xs, std, z), 1);
    }

    @Override public int modelCalls(int step) { return 1; }
}
