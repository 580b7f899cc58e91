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
 * Karras et al. 2022 (arXiv:2206.00364), Algorithm 2 with Euler steps: churn to ŝ = s(1 + γ) ({@link Churn}),
 * then y' = ŷ + (s' − ŝ)(ŷ − x̂₀)/ŝ in y = x/α, s = σ/α. One model call per step; weak order 1. Two conventions:
 * <ul>
 * <li>{@code karras} — k-diffusion's {@code sample_euler(s_churn=…)}: the model is evaluated at the churned (ŷ, ŝ);
 * one draw every step, used only where γ &gt; 0;</li>
 * <li>{@code diffusers} — {@code EulerDiscreteScheduler.step(s_churn=…)}: the model is evaluated at the grid level
 * (y, s) before the churn, a draw only where γ &gt; 0, and x̂₀ formed from the native prediction at the churned
 * sample: ε: x̂₀ = ŷ − ŝ ε̂; v: x̂₀ = −s v/√(s² + 1) + ŷ/(s² + 1); x₀: the prediction itself (other targets go
 * through ε).</li>
 * </ul>
 */
public final class StochasticEuler implements Solver<SimpleState> {
    /** Whose churn convention to follow. */
    public enum Convention { KARRAS, DIFFUSERS }

    private final Grid grid;
    private final Churn churn;
    private final Convention convention;
    private final Prediction nativeTarget;

    StochasticEuler(Grid grid, Churn churn, Convention convention, Prediction nativeTarget) {
        this.grid = grid;
        this.churn = churn;
        this.convention = convention;
        this.nativeTarget = nativeTarget;
    }

    @Override public Grid grid() { return grid; }

    @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

    @Override public int statesRetained() { return 0; } // one-step: reads only the current state

    @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel from = grid.from(i), to = grid.to(i);
        double sigma = from.sigmaVe(), gamma = churn.gamma(grid, i), sigmaHat = sigma * (gamma + 1), sigmaNext = to.sigmaVe();
        Tensor y = s.x().scale(1 / from.alpha());
        Tensor prediction = convention == Convention.DIFFUSERS ? predictDiffusers(model, s.x(), from) : null;
        Tensor yHat = y;
        if (convention == Convention.KARRAS || gamma > 0) {
            Tensor z = Noise.draw(noise, y.shape(), sigma, sigmaHat);
            if (gamma > 0) yHat = Tensor.combine(1, y, Math.sqrt(sigmaHat * sigmaHat - sigma * sigma) * churn.sNoise(), z);
        }
        Tensor x0;
        if (convention == Convention.KARRAS) {
            NoiseLevel hat = gamma > 0 ? Levels.atSigmaVe(grid.schedule(), sigmaHat) : from;
            x0 = model.data(gamma > 0 ? yHat.scale(hat.alpha()) : s.x(), hat);
        } else {
            x0 = switch (nativeTarget) {
                case DATA -> prediction;
                case V -> Tensor.combine(-sigma / Math.sqrt(sigma * sigma + 1), prediction, 1 / (sigma * sigma + 1), yHat);
                default -> Tensor.combine(1, yHat, -sigmaHat, prediction);
            };
        }
        // Euler in (y, s): y' = ŷ + (s' − ŝ)(ŷ − x̂₀)/ŝ
        double dt = sigmaNext - sigmaHat;
        return s.next(Tensor.combine(to.alpha() * (1 + dt / sigmaHat), yHat, -to.alpha() * dt / sigmaHat, x0), 1);
    }

    /** The native prediction diffusers' step receives, computed at the un-churned grid level. */
    private Tensor predictDiffusers(Model model, Tensor x, NoiseLevel from) {
        return switch (nativeTarget) {
            case DATA -> model.data(x, from);
            case V -> model.predict(Prediction.V, x, from);
            default -> model.epsilon(x, from);
        };
    }

    @Override public int modelCalls(int step) { return 1; }
}
