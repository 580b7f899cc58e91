package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.SimpleState;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;

/**
 * Stochastic DPM-Solver++ with two stages: k-diffusion's {@code sample_dpmpp_sde} and diffusers'
 * {@code DPMSolverSDEScheduler} (η = 1, r = ½). From s to s' with λ-midpoint s_r = s^{1−r} s'^r: stage 1 an
 * ancestral DPM-Solver++(1) step to s_r (down to σ_down(s → s_r), noise σ_up·z₁ with z₁ the increment
 * (s, s_r)), stage 2 the ancestral step from s to s' with x̂₀ replaced by (1 − 1/(2r)) x̂₀ + 1/(2r) x̂₀(y₂, s_r) and
 * noise from the increment (s, s') — correlated with z₁ when the noise source is a {@link BrownianNoiseSource},
 * as the references' Brownian-tree noise sampler makes them (Lu et al. 2022, arXiv:2211.01095, §4 and App. B).
 * Two model calls and two draws per step; one call (an Euler step, no draw) onto clean data. Weak order 1.
 */
public final class DpmSolverPlusPlusSde implements Solver<SimpleState> {
    private final Grid grid;
    private final double eta;
    private final double sNoise;
    private final double r;

    DpmSolverPlusPlusSde(Grid grid, double eta, double sNoise, double r) {
        this.grid = grid;
        this.eta = eta;
        this.sNoise = sNoise;
        this.r = r;
    }

    @Override public Grid grid() { return grid; }

    @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

    @Override public int statesRetained() { return 0; } // one-step: reads only the current state

    @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel from = grid.from(i), to = grid.to(i);
        Tensor x = s.x();
        Tensor x0 = model.data(x, from);
        double sigma = from.sigmaVe(), sigmaNext = to.sigmaVe();
        if (sigmaNext == 0) return s.next(VeStep.move(x, x0, from, 0, to.alpha()), 1);
        double t = -Math.log(sigma), h = -Math.log(sigmaNext) - t;
        double sigmaR = Math.exp(-(t + h * r));
        double fac = 1 / (2 * r);
        // stage 1: ancestral DPM-Solver++(1) from s to s_r
        AncestralStep a1 = AncestralStep.of(sigma, sigmaR, eta);
        NoiseLevel mid = Levels.atSigmaVe(grid.schedule(), sigmaR);
        Tensor z1 = Noise.draw(noise, x.shape(), sigma, sigmaR);
        Tensor x2 = VeStep.move(x, x0, from, a1.sigmaDown(), mid.alpha(), a1.sigmaUp() * sNoise, z1);
        Tensor x02 = model.data(x2, mid);
        // stage 2: from s to s' with D = (1 − fac) x̂₀ + fac x̂₀₂
        AncestralStep a2 = AncestralStep.of(sigma, sigmaNext, eta);
        Tensor d = Tensor.combine(1 - fac, x0, fac, x02);
        Tensor z2 = Noise.draw(noise, x.shape(), sigma, sigmaNext);
        return s.next(VeStep.move(x, d, from, a2.sigmaDown(), to.alpha(), a2.sigmaUp() * sNoise, z2), 2);
    }

    @Override public int modelCalls(int step) { return grid.to(step).sigmaVe() == 0 ? 1 : 2; }
}
