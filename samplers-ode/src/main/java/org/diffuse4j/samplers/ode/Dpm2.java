package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.SimpleState;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;

/**
 * DPM-Solver-2 in σ-space as k-diffusion's {@code sample_dpm_2} and diffusers' KDPM2DiscreteScheduler: the
 * explicit midpoint rule on dy/ds = (y − x̂₀)/s (y = x/α, s = σ/α) with the midpoint taken in log s,
 * s_mid = exp(½(log s + log s')) ("inspired by DPM-Solver-2", Lu et al. 2022, arXiv:2206.00927, Algorithm 1,
 * whose r = ½ midpoint is in λ = −log s; Karras et al. 2022, arXiv:2206.00364, Algorithm 2). Second order,
 * deterministic, two model calls per step, one on a last step to σ = 0, which is Euler's step.
 */
public final class Dpm2 implements Solver<SimpleState> {
    private static final PfOdeVariables V = PfOdeVariables.SIGMA;
    private final Grid grid;

    Dpm2(Grid grid) { this.grid = grid; }

    @Override public Grid grid() { return grid; }

    @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

    @Override public int statesRetained() { return 0; } // one-step: the midpoint is evaluated within the step

    @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel from = grid.from(i), to = grid.to(i);
        Tensor d = V.derivative(model, s.x(), from);
        if (to.isClean()) return s.next(V.euler(s.x(), from, to, d), 1);
        // s_mid = exp(lerp(log s, log s', ½)), written as torch.lerp evaluates a weight of ½
        double logS = Math.log(V.r(from)), logNext = Math.log(V.r(to));
        NoiseLevel mid = V.levelAt(grid.schedule(), Math.exp(logNext - (logNext - logS) * 0.5));
        Tensor xMid = V.euler(s.x(), from, mid, d);
        Tensor dMid = V.derivative(model, xMid, mid);
        return s.next(V.euler(s.x(), from, to, dMid), 2); // y' = y + (s' − s) d_mid
    }

    @Override public int modelCalls(int step) { return grid.to(step).isClean() ? 1 : 2; }
}
